/**
 * `npm run field-cost -- [--label Model] [--var name=json ...] '<operation>'`: the worst case of an operation's
 * database work on the configured graph. The operation takes the start id as `$id`; it runs once for every entity
 * id (or every id with that label) with PROFILE, and the largest total of database hits is printed with its id.
 * Register the figure in src/limits/field-costs.ts.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openGraph } from '../db/connect.js';
import { LocalNeo4jError } from '../db/local-neo4j.js';
import { dbHitsProbe } from '../limits/db-hits.js';

interface Arguments {
  label: string | null;
  variables: Record<string, unknown>;
  query: string;
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { label: null, variables: {}, query: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--label') parsed.label = argv[(i += 1)] ?? null;
    else if (arg === '--var') {
      const [name, ...value] = (argv[(i += 1)] ?? '').split('=');
      parsed.variables[name!] = JSON.parse(value.join('='));
    } else parsed.query = arg;
  }
  if (!parsed.query.includes('$id')) {
    throw new Error("usage: npm run field-cost -- [--label Model] [--var name=json ...] 'query($id: ID!) { ... }'");
  }
  return parsed;
}

async function main(): Promise<void> {
  const { label, variables, query } = parseArguments(process.argv.slice(2));
  const graph = await openGraph(loadConfig());
  const probe = await dbHitsProbe(graph.db);
  try {
    const rows = await graph.db.read('MATCH (n:Entity) WHERE $label IS NULL OR $label IN labels(n) RETURN n.id AS id ORDER BY id', { label });
    const results: { id: string; dbHits: number }[] = [];
    for (const row of rows) {
      const id = String(row['id']);
      const { dbHits, errors } = await probe.measure(query, { ...variables, id });
      if (errors.length > 0) throw new Error(`the operation failed for ${id}: ${errors.join(', ')}`);
      results.push({ id, dbHits });
    }
    results.sort((a, b) => b.dbHits - a.dbHits);
    const median = results[Math.floor(results.length / 2)];
    console.log(`${String(results.length)} ids; median ${String(median?.dbHits)} database hits; the worst:`);
    for (const { id, dbHits } of results.slice(0, 5)) console.log(`  ${String(dbHits).padStart(8)}  ${id}`);
  } finally {
    await probe.stop();
    await graph.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof LocalNeo4jError;
  console.error(`field-cost: ${known ? error.message : String(error instanceof Error ? error.message : error)}`);
  process.exit(1);
});
