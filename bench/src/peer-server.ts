/**
 * The benchmark's peer: @neo4j/graphql serving type definitions equivalent to ours over the same database.
 * Used only by `npm run bench`. Env: NEO4J_URI, PORT.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';
import { lineageQuery } from '../../src/db/lineage.js';
import { pathQuery } from '../../src/db/paths.js';
import { cypherQuery } from '../../src/db/queries.js';
import { DESCENDANTS_DEPTH, NEIGHBORHOOD_FLOOR, PATH_HOPS } from './operations.js';
import { onStopSignal } from './stop-signal.js';

/** GraphQL's block strings keep Cypher as written, except that triple quotes would end them. */
const block = (cypher: string): string => `"""\n${cypher.replaceAll('"""', '\\"""')}\n"""`;

const typeDefs = `#graphql
  type Domain @node {
    id: ID!
    name: String!
    tasks: [Task!]! @relationship(type: "HAS_TASK", direction: OUT)
    models: [Model!]! @relationship(type: "IN_DOMAIN", direction: IN)
  }
  type Task @node {
    id: ID!
    name: String!
    datasets: [Dataset!]! @relationship(type: "BENCHMARKED_ON", direction: OUT)
    models: [Model!]! @relationship(type: "PERFORMS", direction: IN)
  }
  type Dataset @node {
    id: ID!
    name: String!
  }
  type Model @node {
    id: ID!
    name: String!
    year: Int
    openWeights: Boolean
    domains: [Domain!]! @relationship(type: "IN_DOMAIN", direction: OUT)
    trainedOn: [Dataset!]! @relationship(type: "TRAINED_ON", direction: OUT)
    basedOn: [Model!]! @relationship(type: "BASED_ON", direction: OUT)
  }
  type EntityRef { id: ID! }
  type Path { length: Int! nodes: [EntityRef!]! }
  type Edge { type: String! from: ID! to: ID! }
  type Subgraph { nodes: [EntityRef!]! edges: [Edge!]! }
  type Related { score: Float! model: EntityRef! }
  # The parameters and candidates of our search statement (src/db/search.ts plans the probes and ranks the
  # candidates, for both servers).
  input SearchProbe { indexName: String!, query: String!, limit: Int! }
  input SearchRequest { index: Int! key: String! probes: [SearchProbe!]! keyProbe: Int coverProbes: [Int!]! near: [SearchProbe!]! kinds: [String!] first: Int! fill: [SearchProbe!]! fillNear: [SearchProbe!]! }
  # The texts the ranking looks for the words in (absent when resolving).
  type CandidateTexts { description: String paperTitle: String topics: [String!] searchLinks: [String!] }
  type CandidateNode { id: ID! name: String! aliases: [String!] searchKeys: [String!] label: String! degree: Int! texts: CandidateTexts }
  type Candidate { node: CandidateNode! scores: [[Float!]!]! }
  type NamedRef { id: ID! name: String! }
  type LineageStep { depth: Int! model: NamedRef! via: NamedRef! }
  # What @neo4j/graphql cannot derive from the types is written in Cypher, as its users do: the same Cypher the
  # server and the floor run.
  type Query {
    # Its driver hands the probe positions over as Integer objects, which a Float refuses: made floats in Cypher.
    search(requests: [SearchRequest!]!, few: Int!): [Candidate!]! @cypher(columnName: "candidate", statement: ${block(`
      CALL () { ${cypherQuery('search')} }
      UNWIND candidates AS c
      RETURN {node: {id: c[0], name: c[1], aliases: c[2], searchKeys: c[3], label: c[4], degree: c[5],
                     texts: CASE WHEN c[7] IS NULL THEN null ELSE {description: c[7][0], paperTitle: c[7][1], topics: c[7][2], searchLinks: c[7][3]} END},
              scores: [s IN c[6] | [toFloat(s[0]), s[1]]]} AS candidate`)})
    path(from: ID!, to: ID!): Path @cypher(columnName: "path", statement: ${block(`
      CALL () { ${pathQuery('shortest-path', PATH_HOPS)} }
      WITH nodes, edges WHERE nodes IS NOT NULL
      RETURN {length: size(edges), nodes: [n IN nodes | {id: n.id}]} AS path`)})
    neighborhood(id: ID!): Subgraph @cypher(columnName: "subgraph", statement: ${block(`
      CALL () { ${NEIGHBORHOOD_FLOOR} }
      RETURN {nodes: nodes, edges: edges} AS subgraph`)})
    relatedModels(id: ID!, first: Int!, properties: [String!]!, shared: Boolean!): [Related!]! @cypher(columnName: "related", statement: ${block(`
      CALL () { ${cypherQuery('related-models')} }
      RETURN {score: score, model: {id: model.id}} AS related`)})
    descendants(ids: [ID!]!): [LineageStep!]! @cypher(columnName: "step", statement: ${block(`
      CALL () { ${lineageQuery('descendants', DESCENDANTS_DEPTH)} }
      UNWIND steps AS s
      RETURN {depth: s.depth, model: {id: s.model.id, name: s.model.name}, via: {id: s.via.id, name: s.via.name}} AS step`)})
  }
`;

const driver = neo4j.driver(process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687', neo4j.auth.basic('neo4j', ''));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env['PORT'] ?? 4100) } });
console.log(`peer ready at ${url}`);
onStopSignal(async () => {
  await server.stop();
  await driver.close();
});
