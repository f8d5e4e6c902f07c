import { describe, expect, it } from 'vitest';
import { responseHash } from '../../bench/src/canonical.js';
import { OPERATIONS, operationContext, type OperationContext } from '../../bench/src/operations.js';
import { useTestServer } from '../harness.js';

/**
 * The benchmark compares systems only where they return the same data; its floor queries take the parameters our
 * Cypher files declare. A query file that gains a parameter must not leave the floor behind: each operation's
 * floor, run on the seeded graph, answers what our server answers.
 */
describe('the benchmark operations on the seeded graph', () => {
  const server = useTestServer();
  let context: OperationContext | undefined;
  const contextOnce = async (): Promise<OperationContext> =>
    (context ??= await operationContext(server.db.reader({ cypherQueries: 0 })));

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s: the floor answers what the server answers', async (_name, op) => {
    const ctx = await contextOnce();
    const ours = await server.gql(op.query, op.variables(ctx));
    expect(ours.errors).toBeUndefined();
    const rows = await server.db.read(op.floor.cypher, op.floor.params(ctx));
    const floor = op.floor.payload(rows);
    expect(responseHash(floor)).toBe(responseHash(op.fromOurs(ours.data!)));
  });

  // The page, and the list's size with its facets; the domain with its tasks, then their pages; a model with its
  // lineage; the one-statement operations.
  it.each([
    ['facets', 2],
    ['all-facets', 2],
    ['domain-tasks-models', 2],
    ['descendants', 1],
    ['neighborhood', 1],
    ['related-models', 1],
  ] as const)('%s: %i Cypher round trip(s), as many as the answer has parts', async (name, roundTrips) => {
    const op = OPERATIONS.find((o) => o.name === name)!;
    const ours = await server.gql(op.query, op.variables(await contextOnce()));
    expect(ours.errors).toBeUndefined();
    expect(ours.extensions?.cypherQueries).toBe(roundTrips);
  });
});
