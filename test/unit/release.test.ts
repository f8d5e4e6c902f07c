import { describe, expect, it } from 'vitest';
import type { Reader, Row } from '../../src/db/database.js';
import { readRelease } from '../../src/db/release.js';

/** A reader that answers every query with `rows`. */
function answering(rows: Row[]): Reader {
  return { read: () => Promise.resolve(rows) };
}

describe('readRelease', () => {
  it('gives seededAt three digits of milliseconds, as GraphQL\'s DateTime prints it, when Neo4j drops trailing zeros', async () => {
    const release = await readRelease(answering([{ version: 'v', seededAt: '2026-12-04T02:43:21.97Z', source: 's' }]));
    expect(release).toEqual({ version: 'v', seededAt: '2026-12-04T02:43:21.970Z', source: 's' });
    const whole = await readRelease(answering([{ version: 'v', seededAt: '2026-12-04T02:43:21Z', source: 's' }]));
    expect(whole?.seededAt).toBe('2026-12-04T02:43:21.000Z');
  });

  it('gives null while no release is ready', async () => {
    expect(await readRelease(answering([]))).toBeNull();
  });
});
