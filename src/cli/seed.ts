/**
 * `npm run seed`: applies the schema and the seed to the configured graph (NEO4J_URI, or the local Neo4j) and
 * prints the counts per label and relationship type. `npm run db:reset` (--reset) wipes the graph first.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openGraph } from '../db/connect.js';
import { LocalNeo4jError } from '../db/local-neo4j.js';
import { applySchema, applySeed, graphCounts, wipe } from '../db/scripts.js';

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const graph = await openGraph(loadConfig());
  try {
    if (reset) {
      await wipe(graph.db);
      console.log('wiped the graph');
    }
    await applySchema(graph.db);
    await applySeed(graph.db);
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
  const known = error instanceof ConfigError || error instanceof LocalNeo4jError;
  console.error(`seed: ${known ? error.message : String(error instanceof Error ? error.message : error)}`);
  process.exit(1);
});
