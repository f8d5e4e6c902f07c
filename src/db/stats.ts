/** Sizes of the graph. */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { StatsRow } from './rows.js';

export async function graphStats(reader: Reader): Promise<StatsRow> {
  const [row] = await reader.read(cypherQuery('stats'));
  return row as unknown as StatsRow;
}
