import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseHash } from '../../bench/src/canonical.js';
import { OPERATIONS, operationContext, peerBody, type OperationContext } from '../../bench/src/operations.js';
import { freePort } from '../../src/db/local-neo4j.js';
import { useTestServer } from '../harness.js';
import { testNeo4j } from '../neo4j.js';
import { stopProcess, waitForLine } from '../processes.js';
import { BUDGET } from '../time.js';

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

  const floorHash = async (ctx: OperationContext, op: (typeof OPERATIONS)[number]): Promise<string> =>
    responseHash(op.floor.payload(await server.db.read(op.floor.cypher, op.floor.params(ctx))));

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s: the floor answers what the server answers', async (_name, op) => {
    const ctx = await contextOnce();
    const ours = await server.gql(op.query, op.variables(ctx));
    expect(ours.errors).toBeUndefined();
    expect(await floorHash(ctx, op)).toBe(responseHash(op.fromOurs(ours.data!)));
  });

  // The peer (@neo4j/graphql) is compared by req/s only where it answers the same: its search once left out the
  // texts our ranking reads, and ranked the same candidates differently.
  describe('the peer', () => {
    let peer: ChildProcess | undefined;
    let url = '';
    beforeAll(async () => {
      const port = await freePort();
      peer = spawn(process.execPath, ['--import', 'tsx', 'bench/src/peer-server.ts'], {
        env: { ...process.env, NEO4J_URI: testNeo4j().uri, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await waitForLine(peer, /peer ready/, BUDGET.serverStart);
      url = `http://127.0.0.1:${String(port)}/graphql`;
    }, BUDGET.hook);
    afterAll(() => (peer ? stopProcess(peer, BUDGET.shortProcess) : undefined), BUDGET.hook);

    // The peer sorts names by code point, ours and the floor by their lower case: on the real names ("scGPT",
    // "SciBERT") the first models by name differ, on the benchmark's synthetic ones ("MODEL0001 ...") they cannot.
    const byMixedCaseNames = new Set(['nested', 'domain-tasks-models']);
    const compared = OPERATIONS.filter((op) => op.peer && !byMixedCaseNames.has(op.name));

    it.each(compared.map((op) => [op.name, op] as const))('%s: the peer answers what the floor answers', async (_name, op) => {
      const ctx = await contextOnce();
      const body = peerBody(op, ctx)!;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(answer.errors).toBeUndefined();
      expect(responseHash(op.peer!.fromPeer(answer.data!))).toBe(await floorHash(ctx, op));
    });
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
