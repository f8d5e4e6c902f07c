/**
 * The benchmark's peer: @neo4j/graphql serving type definitions equivalent to ours over the same database.
 * Used only by `npm run bench`. Env: NEO4J_URI, PORT.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

const typeDefs = `#graphql
  type Domain @node {
    id: ID!
    name: String!
    tasks: [Task!]! @relationship(type: "HAS_TASK", direction: OUT)
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
    domains: [Domain!]! @relationship(type: "IN_DOMAIN", direction: OUT)
    trainedOn: [Dataset!]! @relationship(type: "TRAINED_ON", direction: OUT)
    basedOn: [Model!]! @relationship(type: "BASED_ON", direction: OUT)
  }
`;

const driver = neo4j.driver(process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687', neo4j.auth.basic('neo4j', ''));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env['PORT'] ?? 4100) } });
console.log(`peer ready at ${url}`);
process.on('SIGTERM', () => {
  void server.stop().then(() => driver.close()).then(() => process.exit(0));
});
