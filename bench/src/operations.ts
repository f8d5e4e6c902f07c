/**
 * The benchmark's operations: the GraphQL of bench/operations/*.graphql, the variables each needs on a given
 * graph, the floor (one hand-written Cypher query returning the same data), the peer's (@neo4j/graphql)
 * equivalent query, and how to pull the comparable payload out of each system's answer.
 */
import { readFileSync } from 'node:fs';
import { encodeCursor } from '../../src/cursor.js';
import type { Reader } from '../../src/db/database.js';
import { lineageQuery, type LineageStepRow } from '../../src/db/lineage.js';
import { pathQuery } from '../../src/db/paths.js';
import { cypherQuery } from '../../src/db/queries.js';
import { candidatesByRequest, rankCandidates, searchParams, searchPlan, type Candidate } from '../../src/db/search.js';
import { projectPath } from '../../src/paths.js';

export interface OperationContext {
  /** Variables shared by the operations, chosen once per graph. */
  domain: string;
  model: string;
  task: string;
  dataset: string;
  deepCursor: string;
  deepPosition: number;
  /** The model with the most descendants (ties by id). */
  baseModel: string;
  /** Every year some model was released in, ascending. */
  years: number[];
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
  /**
   * The same question for @neo4j/graphql (its own variables where its API differs from ours; its query made from
   * the graph's values where it has to name them, e.g. one aggregation per year); none where it cannot answer it,
   * and then only ours and the floors run.
   */
  peer?: {
    query: string | ((ctx: OperationContext) => string);
    variables?(ctx: OperationContext): Record<string, unknown>;
    fromPeer(data: Data): unknown;
  };
}

/** The body of the request that asks the peer an operation's question; null where it cannot answer it. */
export function peerBody(op: Operation, ctx: OperationContext): string | null {
  if (!op.peer) return null;
  const { query, variables } = op.peer;
  return JSON.stringify({ query: typeof query === 'string' ? query : query(ctx), variables: variables?.(ctx) ?? op.variables(ctx) });
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

/** How deep the descendants operation looks (bench/operations/descendants.graphql asks for the same). */
export const DESCENDANTS_DEPTH = 10;

/** How far the path operation searches (bench/operations/path.graphql asks for the same). */
export const PATH_HOPS = 6;

const SEARCH_TEXT = 'protein structure';
const SEARCH_PLAN = searchPlan(0, SEARCH_TEXT, { first: 10, labels: null, words: true })!;
/** The floor and the peer run our search statement and rank its candidates as the server does. */
const rankedIds = (candidates: Candidate[]): unknown =>
  rankCandidates(SEARCH_PLAN, candidates).map((hit) => ({ id: hit.node.id }));

const MODEL_COUNTS_FLOOR = `
MATCH (m:Model)-[:IN_DOMAIN]->(d:Domain)
WHERE m.year IS NOT NULL
WITH m.year AS year, d, count(DISTINCT m) AS count
RETURN collect({year: year, domain: d {.id, .name}, count: count}) AS groups`;

/** The facet list of one dimension over \`models\`: values of \`v\` taken from each model by \`unwind\`. */
const floorFacet = (name: string, unwind: string, value: string, label: string): string => `
CALL (models) {
  UNWIND models AS m ${unwind}
  WITH v, count(DISTINCT m) AS c ORDER BY c DESC, ${label === 'v.name' ? 'toLower(v.name), v.id' : 'v'} LIMIT 10
  RETURN collect({value: ${value}, label: ${label}, count: c}) AS ${name}
}`;

const FACETS_WHERE = 'm.year >= 2020 AND m.openWeights = true';

/** The floor's facet list of each dimension, by the name ours answers it under. */
const FLOOR_FACETS = {
  domains: floorFacet('domains', 'MATCH (m)-[:IN_DOMAIN]->(v:Domain)', 'v.id', 'v.name'),
  tasks: floorFacet('tasks', 'MATCH (m)-[:PERFORMS]->(v:Task)', 'v.id', 'v.name'),
  // Stored kebab-case values answered in the API's enum spelling.
  modalities: floorFacet('modalities', 'UNWIND m.modalities AS v', "toUpper(replace(v, '-', '_'))", "replace(v, '-', ' ')"),
  paradigms: floorFacet('paradigms', 'UNWIND m.paradigm AS v', "toUpper(replace(v, '-', '_'))", 'v'),
  years: floorFacet('years', 'UNWIND [m.year] AS v', 'toString(v)', 'toString(v)'),
  openWeights: floorFacet('openWeights', 'UNWIND [m.openWeights] AS v', 'toString(v)', "CASE v WHEN true THEN 'open weights' ELSE 'weights not released' END"),
};

/** The floor of a facets operation: the filtered page of 20 by name, the total and the facets of `names`. */
function facetsFloor(names: (keyof typeof FLOOR_FACETS)[]): Operation['floor'] {
  const cypher = `
MATCH (m:Model) WHERE ${FACETS_WHERE}
WITH collect(m) AS models
CALL (models) { UNWIND models AS m WITH m ORDER BY toLower(m.name), m.id LIMIT 20 RETURN collect(m {.id, .name}) AS nodes }
${names.map((name) => FLOOR_FACETS[name]).join('\n')}
RETURN size(models) AS totalCount, nodes, ${names.join(', ')}`;
  return {
    cypher,
    params: () => ({}),
    payload: (rows) => ({
      totalCount: first(rows, 'totalCount'),
      nodes: first(rows, 'nodes'),
      facets: Object.fromEntries(names.map((name) => [name, first(rows, name)])),
    }),
  };
}

/** @neo4j/graphql's filter of the facets operation, for its lists and its aggregations. */
const PEER_FACETS_WHERE = '{ year: { gte: 2020 }, openWeights: { eq: true } }';

interface PeerDomainCount {
  id: string;
  name: string;
  modelsConnection: { aggregate: { count: { nodes: number } } };
}

const peerCount = (domain: PeerDomainCount): number => domain.modelsConnection.aggregate.count.nodes;

/** A lineage step as the operations ask for it: ids and names only. */
export const lineageStep = ({ depth, model, via }: LineageStepRow) => ({
  depth,
  model: { id: model.id, name: model.name },
  via: { id: via.id, name: via.name },
});

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
    variables: () => ({ text: SEARCH_TEXT }),
    fromOurs: (data) => (data['search'] as Data[]).map((hit) => hit['node']),
    floor: {
      cypher: cypherQuery('search'),
      params: () => searchParams([SEARCH_PLAN]),
      payload: (rows) => rankedIds(candidatesByRequest(rows).get(0) ?? []),
    },
    peer: {
      query: `query Search($requests: [SearchRequest!]!, $few: Int!) {
        search(requests: $requests, few: $few) {
          node { id name aliases searchKeys label degree texts { description paperTitle topics searchLinks } }
          scores
        }
      }`,
      variables: () => searchParams([SEARCH_PLAN]),
      fromPeer: (data) => rankedIds(data['search'] as Candidate[]),
    },
  },
  {
    name: 'path',
    query: graphql('path'),
    variables: (ctx) => ({ from: ctx.model, to: ctx.dataset }),
    fromOurs: (data) => data['path'],
    floor: {
      cypher: pathQuery('shortest-path', PATH_HOPS),
      params: (ctx) => ({ from: ctx.model, to: ctx.dataset }),
      payload: (rows) => {
        const row = rows[0];
        // The query always answers one row (whether the ends exist); no nodes means no path.
        if (!row?.['nodes']) return null;
        return { length: (row['edges'] as unknown[]).length, nodes: (row['nodes'] as Data[]).map((n) => ({ id: n['id'] })) };
      },
    },
    peer: {
      query: `query Path($from: ID!, $to: ID!) { path(from: $from, to: $to) { length nodes { id } } }`,
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
      // What our server asks for `score model { id }`: no stored properties, no shared lists.
      params: (ctx) => ({ id: ctx.model, first: 10, properties: [], shared: false }),
      payload: (rows) => rows.map((row) => ({ score: row['score'], model: { id: (row['model'] as Data)['id'] } })),
    },
    peer: {
      query: `query Related($id: ID!) { relatedModels(id: $id, first: 10, properties: [], shared: false) { score model { id } } }`,
      fromPeer: (data) => data['relatedModels'],
    },
  },
  {
    name: 'model-counts',
    query: graphql('model-counts'),
    variables: () => ({}),
    fromOurs: (data) => data['modelCounts'],
    floor: { cypher: MODEL_COUNTS_FLOOR, params: () => ({}), payload: (rows) => first(rows, 'groups') },
    peer: {
      // One aggregation per year and domain: the peer cannot group by a property.
      query: (ctx) => `query ModelCounts { ${ctx.years
        .map((year) => `y${String(year)}: domains { id name modelsConnection(where: { node: { year: { eq: ${String(year)} } } }) { aggregate { count { nodes } } } }`)
        .join('\n')} }`,
      fromPeer: (data) =>
        Object.entries(data as Record<string, PeerDomainCount[]>).flatMap(([alias, domains]) =>
          domains
            .filter((domain) => peerCount(domain) > 0)
            .map((domain) => ({ year: Number(alias.slice(1)), domain: { id: domain.id, name: domain.name }, count: peerCount(domain) })),
        ),
    },
  },
  {
    name: 'facets',
    query: graphql('facets'),
    variables: () => ({}),
    fromOurs: (data) => data['models'],
    floor: facetsFloor(['domains']),
    peer: {
      query: `query Facets {
        models(where: ${PEER_FACETS_WHERE}, limit: 20, sort: [{ name: ASC }]) { id name }
        modelsConnection(where: ${PEER_FACETS_WHERE}) { aggregate { count { nodes } } }
        domains { id name modelsConnection(where: { node: ${PEER_FACETS_WHERE} }) { aggregate { count { nodes } } } }
      }`,
      // The client sorts the domain counts and keeps the top ten: the peer cannot sort by an aggregate.
      fromPeer: (data) => {
        const total = (data['modelsConnection'] as { aggregate: { count: { nodes: number } } }).aggregate.count.nodes;
        const domains = (data['domains'] as PeerDomainCount[])
          .filter((domain) => peerCount(domain) > 0)
          .sort((a, b) => peerCount(b) - peerCount(a) || a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id))
          .slice(0, 10)
          .map((domain) => ({ value: domain.id, label: domain.name, count: peerCount(domain) }));
        return { totalCount: total, nodes: data['models'], facets: { domains } };
      },
    },
  },
  {
    name: 'all-facets',
    query: graphql('all-facets'),
    variables: () => ({}),
    fromOurs: (data) => data['models'],
    floor: facetsFloor(['domains', 'tasks', 'modalities', 'paradigms', 'years', 'openWeights']),
  },
  {
    name: 'descendants',
    query: graphql('descendants'),
    variables: (ctx) => ({ id: ctx.baseModel }),
    fromOurs: (data) => (data['model'] as Data)['descendants'],
    floor: {
      cypher: lineageQuery('descendants', DESCENDANTS_DEPTH),
      params: (ctx) => ({ ids: [ctx.baseModel] }),
      payload: (rows) => (first(rows, 'steps') as LineageStepRow[]).map(lineageStep),
    },
    peer: {
      query: `query Descendants($ids: [ID!]!) { descendants(ids: $ids) { depth model { id name } via { id name } } }`,
      variables: (ctx) => ({ ids: [ctx.baseModel] }),
      fromPeer: (data) => data['descendants'],
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
    CALL () { MATCH (m:Model) RETURN m.id AS baseModel ORDER BY m.descendantCount DESC, m.id LIMIT 1 }
    CALL () { MATCH (m:Model) WHERE m.year IS NOT NULL RETURN collect(DISTINCT m.year) AS years }
    RETURN matching, model, task, dataset, baseModel, years`);
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
    baseModel: String(row?.['baseModel']),
    years: (row?.['years'] as number[]).sort((a, b) => a - b),
  };
}
