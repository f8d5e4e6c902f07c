/**
 * The release the graph holds, read at most once per few seconds: ETags and export stamps need it on every
 * cacheable request, and it changes only when the graph is rebuilt.
 */
import type { Database } from '../db/database.js';
import { readRelease } from '../db/release.js';
import type { ReleaseRow } from '../db/rows.js';

/** How long a read release is trusted before it is read again. */
export const RELEASE_CACHE_MS = 5000;

export class ReleaseCache {
  #value: Promise<ReleaseRow | null> | null = null;
  #readAt = 0;

  constructor(private readonly db: Database) {}

  /** The current release; null while the graph is being built. A failed read is not kept. */
  current(): Promise<ReleaseRow | null> {
    const now = Date.now();
    if (this.#value === null || now - this.#readAt > RELEASE_CACHE_MS) {
      this.#readAt = now;
      const value = readRelease(this.db.reader({ cypherQueries: 0 })).then((release) => {
        if (release === null) this.#value = null;
        return release;
      });
      value.catch(() => {
        this.#value = null;
      });
      this.#value = value;
    }
    return this.#value;
  }
}
