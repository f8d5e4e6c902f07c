import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

const HEAVY = '{ domains { tasks { models(first: 20) { nodes { name trainedOn { name } evaluatedOn { name } } } } } }';

describe('execution slots (MAX_ACTIVE_REQUESTS=1, MAX_QUEUED_REQUESTS=0)', () => {
  const server = useTestServer({ MAX_ACTIVE_REQUESTS: '1', MAX_QUEUED_REQUESTS: '0' });

  it('refuses what arrives while the only slot is busy with SERVER_BUSY, answers the rest in full', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => server.gql<{ domains: unknown[] }>(HEAVY)));
    const refused = responses.filter((r) => r.status === 503);
    const answered = responses.filter((r) => r.status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length + answered.length).toBe(8);
    for (const r of refused) expect(r.errors?.[0]?.extensions?.code).toBe('SERVER_BUSY');
    for (const r of answered) expect(r.data?.domains).toHaveLength(5);
    // Nothing stays held: the next request is answered.
    const after = await server.gql<{ domains: unknown[] }>('{ domains { id } }');
    expect(after.data?.domains).toHaveLength(5);
  });
});
