/**
 * The benchmark's operations: the GraphQL of bench/operations/*.graphql, the variables each needs on a given
 * graph, the floor (one hand-written Cypher query returning the same data), the peer's (@neo4j/graphql)
 * equivalent query, and how to pull the comparable payload out of each system's answer.
 */
import { readFileSync } from 'node:fs';
import { encodeCursor } from '../../src/cursor.js';
import type { Reader } from '../../src/db/database.js';
import { cypherQuery } from '../../src/db/queries.js';
import { toLuceneQuery } from '../../src/db/search.js';
import { projectPath } from '../../src/paths.js';

export interface OperationContext {
  /** Variables shared by the operations, chosen once per graph. */
  domain: string;
  model: string;
  task: string;
  dataset: string;
  deepCursor: string;
  deepPosition: number;
}

type Data = Record<string, unknown>;

export interface Operation {
  name: string;
  /** The GraphQL this server (and its N+1 variant) runs. */
  query: string;
  variables(ctx: OperationContext): Record<string, unknown>;
  /** The comparable part of this server's `data`. */
  fromOurs(data: Data): unknown;
  floor: { cypher: string; params(ctx: OperationContext): Record<string, unknown>; payload(rows: Data[]): unknown };
  /** The same question for @neo4j/graphql (its own variables where its API differs from ours). */
  peer: { query: string; variables?(ctx: OperationContext): Record<string, unknown>; fromPeer(data: Data): unknown };
}

const graphql = (file: string): string => readFileSync(projectPath('bench', 'operations', `${file}.graphql`), 'utf8');

const NESTED_FLOOR = `
MATCH (m:Model) WITH m ORDER BY toLower(m.name), m.id LIMIT 20
RETURN collect(m {.id, .name,
  domains: COLLECT { MATCH (m)-[:IN_DOMAIN]->(d:Domain) RETURN d {.id, .name,
    tasks: COLLECT { MATCH (d)-[:HAS_TASK]->(t:Task) RETURN t {.id, .name,
      datasets: COLLECT { MATCH (t)-[:BENCHMARKED_ON]->(s:Dataset) RETURN s {.id, .name} } } } } },
  trainedOn: COLLECT { MATCH (m)-[:TRAINED_ON]->(s:Dataset) RETURN s {.id, .name} },
  basedOn: COLLECT { MATCH (m)-[:BASED_ON]->(b:Model) RETURN b {.id, .name} }
}) AS nodes`;

const DOMAIN_FLOOR = `
MATCH (d:Domain {id: $domain})
RETURN COLLECT { MATCH (d)-[:HAS_TASK]->(t:Task) RETURN t {.id, .name,
  models: COLLECT { MATCH (t)<-[:PERFORMS]-(m:Model) WITH m ORDER BY toLower(m.name), m.id LIMIT 10
    RETURN m {.id, .name, trainedOn: COLLECT { MATCH (m)-[:TRAINED_ON]->(s:Dataset) RETURN s {.id, .name} } } } } } AS tasks`;

const PAGE_FLOOR = `
MATCH (m:Model) WHERE m.year >= 2019 AND m.id IS NOT NULL
WITH m ORDER BY m.year DESC, m.id DESC LIMIT 20
RETURN collect(m {.id, .name, .year}) AS nodes`;

// After a cursor: the rest of the cursor's year, then the earlier years, each an index seek of (year, id).
const DEEP_PAGE_FLOOR = `
CALL () {
  MATCH (m:Model) WHERE m.year = $year AND m.id < $id
  WITH m ORDER BY m.year DESC, m.id DESC LIMIT 20
  RETURN collect(m {.id, .name, .year}) AS sameYear
}
CALL () {
  MATCH (m:Model) WHERE m.year >= 2019 AND m.year < $year AND m.id IS NOT NULL
  WITH m ORDER BY m.year DESC, m.id DESC LIMIT 20
  RETURN collect(m {.id, .name, .year}) AS earlier
}
RETURN (sameYear + earlier)[0..20] AS nodes`;

export const NEIGHBORHOOD_FLOOR = `
MATCH (c:Entity {id: $id})
OPTIONAL MATCH (c)--(n:Entity)
WITH c, collect(DISTINCT n) AS around
WITH [c] + around AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b) WHERE b IN nodes
RETURN [x IN nodes | {id: x.id}] AS nodes,
       [e IN collect(CASE WHEN r IS NULL THEN null ELSE {type: type(r), from: a.id, to: b.id} END) WHERE e IS NOT NULL] AS edges`;

const first = (rows: Data[], column: string): unknown => rows[0]?.[column];

const peerPage = (deep: boolean): string => `query ${deep ? 'DeepPage($offset: Int!)' : 'FirstPage'} {
  models(where: { year: { gte: 2019 } }, sort: [{ year: DESC }, { id: DESC }], limit: 20${deep ? ', offset: $offset' : ''}) { id name year }
}`;

export const OPERATIONS: Operation[] = [
  {
    name: 'nested',
    query: graphql('nested'),
    variables: () => ({}),
    fromOurs: (data) => (data['models'] as Data)['nodes'],
    floor: { cypher: NESTED_FLOOR, params: () => ({}), payload: (rows) => first(rows, 'nodes') },
    peer: {
      query: `query Nested { models(limit: 20, sort: [{ name: ASC }]) {
        id name
        domains { id name tasks { id name datasets { id name } } }
        trainedOn { id name }
        basedOn { id name }
      } }`,
      fromPeer: (data) => data['models'],
    },
  },
  {
    name: 'domain-tasks-models',
    query: graphql('domain-tasks-models'),
    variables: (ctx) => ({ domain: ctx.domain }),
    fromOurs: (data) =>
      ((data['domain'] as Data)['tasks'] as Data[]).map((t) => ({ ...t, models: (t['models'] as Data)['nodes'] })),
    floor: { cypher: DOMAIN_FLOOR, params: (ctx) => ({ domain: ctx.domain }), payload: (rows) => first(rows, 'tasks') },
    peer: {
      query: `query DomainTasksModels($domain: ID!) { domains(where: { id: { eq: $domain } }) {
        tasks { id name models(limit: 10, sort: [{ name: ASC }]) { id name trainedOn { id name } } }
      } }`,
      fromPeer: (data) => ((data['domains'] as Data[])[0] as Data)['tasks'],
    },
  },
  {
    name: 'first-page',
    query: graphql('first-page'),
    variables: () => ({}),
    fromOurs: (data) => (data['models'] as Data)['nodes'],
    floor: { cypher: PAGE_FLOOR, params: () => ({}), payload: (rows) => first(rows, 'nodes') },
    peer: { query: peerPage(false), fromPeer: (data) => data['models'] },
  },
  {
    name: 'deep-page',
    query: graphql('deep-page'),
    variables: (ctx) => ({ after: ctx.deepCursor }),
    fromOurs: (data) => (data['models'] as Data)['nodes'],
    floor: {
      cypher: DEEP_PAGE_FLOOR,
      params: (ctx) => {
        const payload = JSON.parse(Buffer.from(ctx.deepCursor, 'base64url').toString('utf8')) as { v: number[]; id: string };
        return { year: payload.v[0], id: payload.id };
      },
      payload: (rows) => first(rows, 'nodes'),
    },
    // @neo4j/graphql pages by offset: its deep page skips to the same position.
    peer: { query: peerPage(true), variables: (ctx) => ({ offset: ctx.deepPosition }), fromPeer: (data) => data['models'] },
  },
  {
    name: 'search',
    query: graphql('search'),
    variables: () => ({ text: 'protein structure' }),
    fromOurs: (data) => (data['search'] as Data[]).map((hit) => hit['node']),
    floor: {
      cypher: `CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: 10}) YIELD node, score
               RETURN collect({id: node.id}) AS hits`,
      params: () => ({ query: toLuceneQuery('protein structure') }),
      payload: (rows) => first(rows, 'hits'),
    },
    peer: {
      query: `query Search($query: String!) { search(query: $query, first: 10) { node { id } } }`,
      variables: () => ({ query: toLuceneQuery('protein structure') }),
      fromPeer: (data) => (data['search'] as Data[]).map((hit) => hit['node']),
    },
  },
  {
    name: 'path',
    query: graphql('path'),
    variables: (ctx) => ({ from: ctx.model, to: ctx.dataset }),
    fromOurs: (data) => data['path'],
    floor: {
      cypher: cypherQuery('shortest-path'),
      params: (ctx) => ({ from: ctx.model, to: ctx.dataset, maxHops: 6 }),
      payload: (rows) => {
        const row = rows[0];
        if (!row) return null;
        return { length: (row['edges'] as unknown[]).length, nodes: (row['nodes'] as Data[]).map((n) => ({ id: n['id'] })) };
      },
    },
    peer: {
      query: `query Path($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 6) { length nodes { id } } }`,
      fromPeer: (data) => data['path'],
    },
  },
  {
    name: 'neighborhood',
    query: graphql('neighborhood'),
    variables: (ctx) => ({ id: ctx.task }),
    fromOurs: (data) => data['neighborhood'],
    floor: {
      cypher: NEIGHBORHOOD_FLOOR,
      params: (ctx) => ({ id: ctx.task }),
      payload: (rows) => ({ nodes: first(rows, 'nodes'), edges: first(rows, 'edges') }),
    },
    peer: {
      query: `query Neighborhood($id: ID!) { neighborhood(id: $id) { nodes { id } edges { type from to } } }`,
      fromPeer: (data) => data['neighborhood'],
    },
  },
  {
    name: 'related-models',
    query: graphql('related-models'),
    variables: (ctx) => ({ id: ctx.model }),
    fromOurs: (data) => data['relatedModels'],
    floor: {
      cypher: cypherQuery('related-models'),
      params: (ctx) => ({ id: ctx.model, first: 10 }),
      payload: (rows) => rows.map((row) => ({ score: row['score'], model: { id: (row['model'] as Data)['id'] } })),
    },
    peer: {
      query: `query Related($id: ID!) { relatedModels(id: $id, first: 10) { score model { id } } }`,
      fromPeer: (data) => data['relatedModels'],
    },
  },
];

/** Picks the ids the operations start from, and the cursor of the deep page, on the loaded graph. */
export async function operationContext(reader: Reader): Promise<OperationContext> {
  const [row] = await reader.read(`
    MATCH (m:Model) WHERE m.year >= 2019 WITH count(m) AS matching
    CALL () { MATCH (m:Model) RETURN m.id AS model ORDER BY m.id SKIP 1 LIMIT 1 }
    CALL () { MATCH (t:Task) RETURN t.id AS task ORDER BY t.id LIMIT 1 }
    CALL () { MATCH (d:Dataset) RETURN d.id AS dataset ORDER BY d.id DESC LIMIT 1 }
    RETURN matching, model, task, dataset`);
  const matching = Number(row?.['matching'] ?? 0);
  // 5,000 deep where the graph is large enough, else halfway.
  const deepPosition = Math.min(5000, Math.floor(matching / 2));
  const [deep] = await reader.read(
    `MATCH (m:Model) WHERE m.year >= 2019 WITH m ORDER BY m.year DESC, m.id DESC SKIP $skip LIMIT 1 RETURN m.year AS year, m.id AS id`,
    { skip: deepPosition - 1 },
  );
  const deepCursor = encodeCursor({ values: [Number(deep?.['year'])], id: String(deep?.['id']) }, [
    { field: 'YEAR', direction: 'DESC' },
  ]);
  return {
    domain: 'computational-biology',
    model: String(row?.['model']),
    task: String(row?.['task']),
    dataset: String(row?.['dataset']),
    deepCursor,
    deepPosition,
  };
}
