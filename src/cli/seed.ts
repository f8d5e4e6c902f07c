/**
 * `npm run seed`: builds the release of the facts on the configured graph (NEO4J_URI, or the local Neo4j) unless
 * it already holds it, verified, and prints the counts per label and relationship type. `npm run db:reset`
 * (--reset) rebuilds it whatever it holds.
 */
import { loadConfig } from '../config.js';
import { openGraph } from '../db/connect.js';
import { graphCounts } from '../db/scripts.js';
import { ensureRelease, STALE_CLAIM_MS } from '../db/seeding.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const graph = await openGraph(config);
  try {
    const { rebuilt } = await ensureRelease(graph.db, {
      timeoutMs: config.seedTimeoutMs,
      staleClaimMs: graph.local ? 0 : STALE_CLAIM_MS,
      force: process.argv.includes('--reset'),
      log: (message) => console.log(message),
    });
    console.log(rebuilt ? 'built and verified the release of the facts' : 'the graph already holds the current release');
    const counts = await graphCounts(graph.db);
    console.log('nodes per label:');
    for (const [label, count] of Object.entries(counts.labels)) console.log(`  ${label.padEnd(16)} ${String(count)}`);
    console.log('relationships per type:');
    for (const [type, count] of Object.entries(counts.relationships)) console.log(`  ${type.padEnd(16)} ${String(count)}`);
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
