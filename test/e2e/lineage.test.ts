import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { everyModel, lineageByHand, type ModelFacts } from './every-model.js';

interface Step {
  depth: number;
  model: { id: string; name: string };
  via: { id: string; name: string };
}

interface LineageNode {
  id: string;
  ancestors: Step[];
  descendants: Step[];
  derivativeCount: number;
  descendantCount: number;
  datasetCount: number;
}

const STEP = 'depth model { id name } via { id name }';

const LINEAGE_PAGE = `query Lineage($after: String) {
  models(first: 100, after: $after) {
    nodes { id derivativeCount descendantCount datasetCount ancestors(maxDepth: 20) { ${STEP} } descendants(maxDepth: 20) { ${STEP} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const byName = (a: { id: string; name: string }, b: { id: string; name: string }): number => {
  const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

describe('Model lineage', () => {
  const server = useTestServer();
  let all: ModelFacts[];
  const lineages = new Map<string, LineageNode>();
  const roundTrips: number[] = [];

  beforeAll(async () => {
    all = await everyModel(server);
    let after: string | null = null;
    for (;;) {
      const response = await server.gql<{ models: { nodes: LineageNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        LINEAGE_PAGE,
        { after },
      );
      expect(response.errors).toBeUndefined();
      roundTrips.push(response.extensions!.cypherQueries!);
      const page: { nodes: LineageNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = response.data!.models;
      for (const node of page.nodes) lineages.set(node.id, node);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  });

  it('reads the lineages of a page of 100 models in one query per direction', () => {
    expect(lineages.size).toBe(all.length);
    // The page (with full rows, so the stored counts cost nothing), then ancestors and descendants.
    expect(roundTrips.every((trips) => trips === 3)).toBe(true);
  });

  it.each(['ancestors', 'descendants'] as const)(
    'gives every model’s %s each once at its nearest depth, as following the links by hand does',
    (direction) => {
      let deep = 0;
      for (const model of all) {
        const steps = lineages.get(model.id)![direction];
        const expected = lineageByHand(all, model.id, direction);
        expect(new Map(steps.map((s) => [s.model.id, s.depth])), model.id).toEqual(expected);
        expect(steps).toHaveLength(expected.size);
        if (steps.some((s) => s.depth > 1)) deep += 1;
      }
      expect(deep).toBeGreaterThan(0);
    },
  );

  it.each(['ancestors', 'descendants'] as const)('orders %s nearest first, then by name', (direction) => {
    for (const model of all) {
      const steps = lineages.get(model.id)![direction];
      const sorted = [...steps].sort((a, b) => a.depth - b.depth || byName(a.model, b.model));
      expect(steps, model.id).toEqual(sorted);
    }
  });

  it.each(['ancestors', 'descendants'] as const)(
    'names as via of each %s step the first by name of the linked models one hop closer',
    (direction) => {
      const byId = new Map(all.map((m) => [m.id, m]));
      for (const model of all) {
        const steps = lineages.get(model.id)![direction];
        const depthOf = new Map<string, number>([[model.id, 0], ...steps.map((s) => [s.model.id, s.depth] as const)]);
        for (const step of steps) {
          const facts = byId.get(step.model.id)!;
          // One hop back towards the start: a descendant's bases, an ancestor's derivatives.
          const linked = direction === 'descendants' ? facts.basedOn : facts.derivatives;
          const closer = linked.filter((ref) => depthOf.get(ref.id) === step.depth - 1).sort(byName);
          expect(step.via, `${model.id} ${direction} ${step.model.id}`).toEqual(closer[0]);
        }
      }
    },
  );

  it('lists a model reached two ways once, at the nearer depth (a diamond in the real lineage)', () => {
    // A descendant linked to the start and to another descendant: it is reached at depth 1 and at depth 2.
    const diamonds = all.flatMap((start) =>
      lineages.get(start.id)!.descendants.filter((step) => {
        const bases = all.find((m) => m.id === step.model.id)!.basedOn.map((b) => b.id);
        return bases.includes(start.id) && bases.some((b) => lineages.get(start.id)!.descendants.some((s) => s.model.id === b));
      }).map((step) => [start.id, step.model.id, step.depth]),
    );
    expect(diamonds.length).toBeGreaterThan(0);
    for (const [, , depth] of diamonds) expect(depth).toBe(1);
    for (const [start, reached] of diamonds) {
      expect(lineages.get(start as string)!.descendants.filter((s) => s.model.id === reached)).toHaveLength(1);
    }
  });

  it('stores the counts of each model as the links say: direct derivatives, all descendants, distinct datasets', () => {
    for (const model of all) {
      const node = lineages.get(model.id)!;
      expect(node.derivativeCount, model.id).toBe(model.derivatives.length);
      expect(node.descendantCount, model.id).toBe(lineageByHand(all, model.id, 'descendants').size);
      expect(node.datasetCount, model.id).toBe(new Set([...model.trainedOn, ...model.evaluatedOn].map((d) => d.id)).size);
    }
  });

  it('gives all descendants of LLaMA with depths in one request, cut at maxDepth', async () => {
    const query = `query($depth: Int) { model(id: "llama") { descendantCount descendants(maxDepth: $depth) { depth model { id } } } }`;
    const full = await server.gql<{ model: { descendantCount: number; descendants: { depth: number; model: { id: string } }[] } }>(query, { depth: 20 });
    const expected = lineageByHand(all, 'llama', 'descendants');
    expect(full.data!.model.descendants).toHaveLength(expected.size);
    expect(full.data!.model.descendantCount).toBe(expected.size);
    expect(Math.max(...full.data!.model.descendants.map((s) => s.depth))).toBeGreaterThan(2);
    // The lineage query brings the model's own row along: no lookup of the model before it.
    expect(full.extensions?.cypherQueries).toBe(1);
    const one = await server.gql<{ model: { descendants: { depth: number; model: { id: string } }[] } }>(query, { depth: 1 });
    expect(one.data!.model.descendants.map((s) => s.model.id).sort()).toEqual(
      all.find((m) => m.id === 'llama')!.derivatives.map((d) => d.id).sort(),
    );
  });

  it('reads a model and both its lineages in one query per direction, its own fields from their rows', async () => {
    const llama = all.find((m) => m.id === 'llama')!;
    const response = await server.gql<{
      model: { name: string; derivativeCount: number; ancestors: { depth: number }[]; descendants: { model: { id: string } }[] };
    }>(
      `query($id: ID!, $depth: Int) { model(id: $id) { name ...Lineage } }
       fragment Lineage on Model { derivativeCount ancestors { depth } descendants(maxDepth: $depth) { model { id } } }`,
      { id: 'llama', depth: 1 },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.model.name).toBe(llama.name);
    expect(response.data!.model.derivativeCount).toBe(llama.derivatives.length);
    expect(response.data!.model.ancestors).toHaveLength(lineageByHand(all, 'llama', 'ancestors').size);
    expect(response.data!.model.descendants.map((s) => s.model.id).sort()).toEqual(llama.derivatives.map((d) => d.id).sort());
    expect(response.extensions?.cypherQueries).toBe(2);
  });

  it('answers null for an id that is not a model, asked with its lineage', async () => {
    const dataset = (await server.db.read('MATCH (d:Dataset) RETURN d.id AS id ORDER BY d.id LIMIT 1'))[0]!['id'] as string;
    for (const id of [dataset, 'no-such-model']) {
      const response = await server.gql(`query($id: ID!) { model(id: $id) { descendants { depth } } }`, { id });
      expect(response.errors, id).toBeUndefined();
      expect(response.data, id).toEqual({ model: null });
    }
  });

  it.each([0, 21])('rejects maxDepth: %i with BAD_USER_INPUT naming maxDepth', async (maxDepth) => {
    const response = await server.gql(`{ model(id: "llama") { descendants(maxDepth: ${String(maxDepth)}) { depth } } }`);
    expect(response.errors![0]).toMatchObject({
      message: `maxDepth must be 1..20, got ${String(maxDepth)}`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'maxDepth' },
    });
  });
});
