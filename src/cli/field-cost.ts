/**
 * `npm run field-cost -- [--label Model] [--pairs N] [--var name=json ...] '<operation>'`: the worst case of an
 * operation's database work on the configured graph. The operation takes the start id as `$id`; it runs once for
 * every entity id (or every id with that label) with PROFILE, and the largest total of database hits is printed
 * with its id. With `--pairs N` it takes two ids, `$from` and `$to` (a path's ends), and runs for every ordered
 * pair of the N entities (of that label) with the most links: every pair of every entity would take days.
 * Register the figure in src/limits/field-costs.ts.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openGraph } from '../db/connect.js';
import { LocalNeo4jError } from '../db/local-neo4j.js';
import { dbHitsProbe } from '../limits/db-hits.js';

interface Arguments {
  label: string | null;
  /** How many of the entities with the most links make the pairs; null for single ids. */
  pairs: number | null;
  variables: Record<string, unknown>;
  query: string;
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { label: null, pairs: null, variables: {}, query: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--label') parsed.label = argv[(i += 1)] ?? null;
    else if (arg === '--pairs') parsed.pairs = Number(argv[(i += 1)]);
    else if (arg === '--var') {
      const [name, ...value] = (argv[(i += 1)] ?? '').split('=');
      parsed.variables[name!] = JSON.parse(value.join('='));
    } else parsed.query = arg;
  }
  const ends = parsed.pairs === null ? ['$id'] : ['$from', '$to'];
  if ((parsed.pairs !== null && !(Number.isInteger(parsed.pairs) && parsed.pairs >= 2)) || !ends.every((end) => parsed.query.includes(end))) {
    throw new Error(
      "usage: npm run field-cost -- [--label Model] [--var name=json ...] 'query($id: ID!) { ... }'\n" +
        "   or: npm run field-cost -- [--label Model] --pairs N [--var name=json ...] 'query($from: ID!, $to: ID!) { ... }'",
    );
  }
  return parsed;
}

async function main(): Promise<void> {
  const { label, pairs, variables, query } = parseArguments(process.argv.slice(2));
  const graph = await openGraph(loadConfig());
  const probe = await dbHitsProbe(graph.db);
  try {
    const ids = (
      pairs === null
        ? await graph.db.read('MATCH (n:Entity) WHERE $label IS NULL OR $label IN labels(n) RETURN n.id AS id ORDER BY id', { label })
        : await graph.db.read(
            'MATCH (n:Entity) WHERE $label IS NULL OR $label IN labels(n) RETURN n.id AS id ORDER BY COUNT { (n)--(:Entity) } DESC, id LIMIT $pairs',
            { label, pairs },
          )
    ).map((row) => String(row['id']));
    const runs =
      pairs === null
        ? ids.map((id) => ({ shown: id, ends: { id } }))
        : ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => ({ shown: `${from} -> ${to}`, ends: { from, to } })));
    const results: { shown: string; dbHits: number }[] = [];
    for (const { shown, ends } of runs) {
      const { dbHits, errors } = await probe.measure(query, { ...variables, ...ends });
      if (errors.length > 0) throw new Error(`the operation failed for ${shown}: ${errors.join(', ')}`);
      results.push({ shown, dbHits });
    }
    results.sort((a, b) => b.dbHits - a.dbHits);
    const median = results[Math.floor(results.length / 2)];
    console.log(`${String(results.length)} ${pairs === null ? 'ids' : 'pairs'}; median ${String(median?.dbHits)} database hits; the worst:`);
    for (const { shown, dbHits } of results.slice(0, 5)) console.log(`  ${String(dbHits).padStart(8)}  ${shown}`);
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
