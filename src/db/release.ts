/** The release marker the seeding leaves once the graph is verified (see db/seeding.ts). */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { ReleaseRow } from './rows.js';

/** The release the graph holds; null only while it is being built (the server is not ready then). */
export async function readRelease(reader: Reader): Promise<ReleaseRow | null> {
  const [row] = await reader.read(cypherQuery('release'));
  if (!row) return null;
  const release = row as unknown as ReleaseRow;
  // Neo4j writes a datetime's fraction without trailing zeros (`21.97Z`), GraphQL's DateTime with three digits
  // (`21.970Z`): one form here, so the API and every export stamp the same text.
  return { ...release, seededAt: new Date(release.seededAt).toISOString() };
}
