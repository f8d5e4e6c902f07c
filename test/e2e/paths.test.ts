import { describe, expect, it } from 'vitest';
import { MAX_PATHS_ORDERED } from '../../src/db/paths.js';
import { useTestServer } from '../harness.js';

interface Path {
  length: number;
  nodes: { __typename: string; id: string; name: string }[];
  edges: { type: string; from: string; to: string }[];
}

const PATHS = `query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $via: [RelationType!], $avoidKinds: [EntityKind!]) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first, via: $via, avoidKinds: $avoidKinds) {
    length
    nodes { __typename id ... on Domain { name } ... on Task { name } ... on Dataset { name } ... on Model { name } ... on Organization { name } }
    edges { type from to }
  }
}`;

const KIND_LABEL: Record<string, string> = { DOMAIN: 'Domain', TASK: 'Task', DATASET: 'Dataset', MODEL: 'Model' };

/** Orders paths as the API promises: by the names along them, then ids, then relationship types. */
function compareLists(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

describe('Query.paths', () => {
  const server = useTestServer();

  async function paths(variables: Record<string, unknown>): Promise<{ paths: Path[]; roundTrips: number }> {
    const response = await server.gql<{ paths: Path[] }>(PATHS, variables);
    expect(response.errors).toBeUndefined();
    return { paths: response.data!.paths, roundTrips: response.extensions!.cypherQueries! };
  }

  /**
   * Every shortest path by brute force, straight from the graph: paths of exactly k relationships for k = 0, 1, ...
   * until some exist, keeping those that use only `via` types and have no `avoid` label between the ends.
   */
  async function bruteForce(from: string, to: string, maxHops: number, via: string[] | null, avoid: string[]): Promise<string[][]> {
    for (let k = 0; k <= maxHops; k += 1) {
      // k is a loop counter of this test, not input.
      const rows = await server.db.read(
        `MATCH p = (a:Entity {id: $from})-[*${String(k)}]-(b:Entity {id: $to})
         WHERE all(r IN relationships(p) WHERE $via IS NULL OR type(r) IN $via)
           AND all(n IN nodes(p)[1..-1] WHERE none(l IN labels(n) WHERE l IN $avoid))
         RETURN [n IN nodes(p) | toLower(n.name)] AS names, [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS types`,
        { from, to, via, avoid },
      );
      if (rows.length > 0) {
        return rows
          .map((row) => [row['names'], row['ids'], row['types']] as string[][])
          .sort((x, y) => compareLists(x[0]!, y[0]!) || compareLists(x[1]!, y[1]!) || compareLists(x[2]!, y[2]!))
          .map((row) => row[1]!);
      }
    }
    return [];
  }

  it.each([
    ['esm-2', 'chembl', {}],
    ['esm-2', 'chembl', { avoidKinds: ['DOMAIN'] }],
    ['esm-2', 'chembl', { via: ['PERFORMS', 'BENCHMARKED_ON'], maxHops: 6, first: 20 }],
    ['biobert', 'medical-imaging', { first: 20 }],
    ['llama', 'mimic-cxr', { via: ['BASED_ON', 'TRAINED_ON', 'EVALUATED_ON'], first: 20 }],
    ['bert', 'esm-2', { avoidKinds: ['DOMAIN'], first: 3 }],
  ])('finds the first shortest paths from %s to %s (%o) as brute force does', async (from, to, options) => {
    const o = options as { maxHops?: number; first?: number; via?: string[]; avoidKinds?: string[] };
    const { paths: found, roundTrips } = await paths({ from, to, ...o });
    const expected = await bruteForce(from, to, o.maxHops ?? 4, o.via ?? null, (o.avoidKinds ?? []).map((k) => KIND_LABEL[k]!));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((p) => p.nodes.map((n) => n.id))).toEqual(expected.slice(0, o.first ?? 5));
    expect(roundTrips).toBe(1);
    for (const path of found) {
      expect(path.length).toBe(path.edges.length);
      expect(path.nodes).toHaveLength(path.length + 1);
      path.edges.forEach((edge, i) => {
        expect([edge.from, edge.to].sort()).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort());
        if (o.via) expect(o.via).toContain(edge.type);
      });
    }
  });

  it('avoids the kinds asked between the ends, and finds none when only avoided kinds connect them', async () => {
    const { paths: found } = await paths({ from: 'esm-2', to: 'chembl', avoidKinds: ['DOMAIN', 'TASK'], maxHops: 6, first: 20 });
    for (const path of found) expect(path.nodes.slice(1, -1).some((n) => ['Domain', 'Task'].includes(n.__typename))).toBe(false);
    const none = await paths({ from: 'esm-2', to: 'chembl', avoidKinds: ['DOMAIN', 'TASK', 'MODEL', 'DATASET'], maxHops: 6 });
    expect(none.paths).toEqual([]);
  });

  it('answers [] when no path fits within maxHops, and the path of length 0 from an entity to itself', async () => {
    expect((await paths({ from: 'esm-2', to: 'chembl', maxHops: 1 })).paths).toEqual([]);
    const self = await paths({ from: 'esm-2', to: 'esm-2' });
    expect(self.paths).toEqual([{ length: 0, nodes: [{ __typename: 'Model', id: 'esm-2', name: 'ESM-2' }], edges: [] }]);
  });

  it('orders a sample of the shortest paths between two far entities, and says so', async () => {
    // 2,947 shortest paths of 6 hops join them; ordering them all read 54,496 database hits.
    const far = { from: 'ptunifier', to: '3d-molt5' };
    const response = await server.gql<{ paths: Path[] }>(PATHS, { ...far, maxHops: 6, first: 20 });
    expect(response.errors).toBeUndefined();
    const found = response.data!.paths;
    expect(found).toHaveLength(20);
    const keys = found.map((path) => [path.nodes.map((n) => n.name.toLowerCase()), path.nodes.map((n) => n.id), path.edges.map((e) => e.type)]);
    for (const [i, path] of found.entries()) {
      expect(path.length).toBe(6);
      expect([path.nodes[0]!.id, path.nodes[6]!.id]).toEqual([far.from, far.to]);
      if (i > 0) {
        const [before, here] = [keys[i - 1]!, keys[i]!];
        expect(compareLists(before[0]!, here[0]!) || compareLists(before[1]!, here[1]!) || compareLists(before[2]!, here[2]!)).toBeLessThan(0);
      }
    }
    expect(response.extensions?.warnings).toEqual([
      {
        code: 'PATHS_SAMPLED',
        argument: 'via',
        message: `more than ${String(MAX_PATHS_ORDERED)} shortest paths join "ptunifier" and "3d-molt5": these are the first by name of ${String(MAX_PATHS_ORDERED)} of them, not of all; narrow them with via or avoidKinds`,
      },
    ]);
    // None shorter: the 6 hops are the shortest.
    expect((await server.gql<{ path: Path | null }>('query($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 5) { length } }', far)).data!.path).toBeNull();
    // Fewer than the sample: every one ordered, no warning.
    expect((await server.gql(PATHS, { from: 'esm-2', to: 'chembl', first: 20 })).extensions?.warnings).toBeUndefined();
  });

  it.each([
    ['paths', 'from', `{ paths(from: "no-such-id", to: "chembl") { length } }`],
    ['paths', 'to', `{ paths(from: "esm-2", to: "no-such-id") { length } }`],
    ['paths', 'from', `{ paths(from: "no-such-id", to: "also-unknown") { length } }`],
    ['paths', 'from', `{ paths(from: "no-such-id", to: "no-such-id") { length } }`],
    ['path', 'from', `{ path(from: "no-such-id", to: "chembl") { length } }`],
    ['path', 'to', `{ path(from: "esm-2", to: "no-such-id") { length } }`],
    ['path', 'from', `{ path(from: "no-such-id", to: "no-such-id") { length } }`],
  ])('makes an unknown end of %s a NOT_FOUND error naming %s', async (_field, argument, query) => {
    const response = await server.gql(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({
      message: `${argument}: no entity has the id "no-such-id"`,
      extensions: { code: 'NOT_FOUND', argument },
    });
  });

  it.each([
    ['first: 0', { first: 0 }, 'first', 'first must be 1..20, got 0'],
    ['first: 21', { first: 21 }, 'first', 'first must be 1..20, got 21'],
    ['maxHops: 0', { maxHops: 0 }, 'maxHops', 'maxHops must be 1..6, got 0'],
    ['maxHops: 7', { maxHops: 7 }, 'maxHops', 'maxHops must be 1..6, got 7'],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_name, options, argument, message) => {
    const response = await server.gql(PATHS, { from: 'esm-2', to: 'chembl', ...options });
    expect(response.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(response.extensions?.cypherQueries).toBe(0);
  });
});
