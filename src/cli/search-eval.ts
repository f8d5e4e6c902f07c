/**
 * `npm run search:eval`: runs the search relevance set (test/relevance/search.json) against the configured graph
 * (NEO4J_URI, or the local Neo4j, seeded when empty as `npm start` does) and prints the pass rate and each miss.
 * Exits 1 when the pass rate is below the required one.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openGraph, prepareGraph } from '../db/connect.js';
import { LocalNeo4jError } from '../db/local-neo4j.js';
import { evaluateSearch, formatRelevance, loadRelevanceSet, REQUIRED_PASS_RATE } from '../eval/search-relevance.js';

async function main(): Promise<void> {
  const queries = loadRelevanceSet();
  const graph = await openGraph(loadConfig());
  try {
    await prepareGraph(graph.db);
    const result = await evaluateSearch(graph.db.reader({ cypherQueries: 0 }), queries);
    console.log(formatRelevance(result));
    if (result.passRate < REQUIRED_PASS_RATE) process.exitCode = 1;
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof LocalNeo4jError;
  console.error(`search:eval: ${known ? error.message : String(error instanceof Error ? error.message : error)}`);
  process.exit(1);
});
