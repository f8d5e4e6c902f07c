/**
 * `npm run search:eval`: runs the search relevance set (test/relevance/search.json) against the configured graph
 * (NEO4J_URI, or the local Neo4j; built from the release of the facts first when it does not hold it, as
 * `npm start` does) and prints the pass rate and each miss. Exits 1 when the pass rate is below the required one.
 */
import { loadConfig } from '../config.js';
import { openGraph } from '../db/connect.js';
import { ensureRelease, STALE_CLAIM_MS } from '../db/seeding.js';
import { evaluateSearch, formatRelevance, loadRelevanceSet, REQUIRED_PASS_RATE } from '../eval/search-relevance.js';

async function main(): Promise<void> {
  const queries = loadRelevanceSet();
  const config = loadConfig();
  const graph = await openGraph(config);
  try {
    await ensureRelease(graph.db, {
      timeoutMs: config.seedTimeoutMs,
      staleClaimMs: graph.local ? 0 : STALE_CLAIM_MS,
      log: (message) => console.log(message),
    });
    const result = await evaluateSearch(graph.db.reader({ cypherQueries: 0 }), queries);
    console.log(formatRelevance(result));
    if (result.passRate < REQUIRED_PASS_RATE) process.exitCode = 1;
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  console.error(`search:eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
