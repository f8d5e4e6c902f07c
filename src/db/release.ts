/** The release marker the seeding leaves once the graph is verified (see db/seeding.ts). */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { ReleaseRow } from './rows.js';

/** The release the graph holds; null only while it is being built (the server is not ready then). */
export async function readRelease(reader: Reader): Promise<ReleaseRow | null> {
  const [row] = await reader.read(cypherQuery('release'));
  return (row as unknown as ReleaseRow | undefined) ?? null;
}
