import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFacts } from '../../src/facts/facts-files.js';
import type { ResultFact } from '../../src/facts/types.js';
import { expectWarnings, useTestServer } from '../harness.js';

const facts = readFacts();
const models = new Map(facts.models.map((m) => [m.id, m]));
const datasets = new Map(facts.datasets.map((d) => [d.id, d]));

/** Code-unit order, as Cypher compares strings. */
function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKeys<T>(...keys: ((item: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = compare(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };
}

interface ExpectedBoard {
  dataset: string;
  metric: string;
  setting: string;
  higherIsBetter: boolean;
  /** Best first, ties by model name, then model id and variant; with the rank each should have. */
  entries: { result: ResultFact; rank: number }[];
}

/** The leaderboards as the facts define them: one per (dataset, metric, setting), ranked here from the values. */
function expectedBoards(results: ResultFact[] = facts.results): ExpectedBoard[] {
  const groups = new Map<string, ResultFact[]>();
  for (const r of results) {
    const key = JSON.stringify([r.dataset, r.metric, r.setting]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const boards = [...groups.values()].map((group): ExpectedBoard => {
    const { dataset, metric, setting, higherIsBetter } = group[0]!;
    const better = (a: ResultFact, b: ResultFact): boolean => (higherIsBetter ? a.value > b.value : a.value < b.value);
    const sorted = [...group].sort(
      byKeys(
        (r) => (higherIsBetter ? -r.value : r.value),
        (r) => models.get(r.model)!.name.toLowerCase(),
        (r) => r.model,
        (r) => (r.variant ?? '').toLowerCase(),
      ),
    );
    return {
      dataset, metric, setting, higherIsBetter,
      entries: sorted.map((result) => ({ result, rank: 1 + group.filter((other) => better(other, result)).length })),
    };
  });
  return boards.sort(
    byKeys(
      (b) => datasets.get(b.dataset)!.name.toLowerCase(),
      (b) => b.dataset,
      (b) => -b.entries.length,
      (b) => b.metric,
      (b) => b.setting,
    ),
  );
}

const RESULT_FIELDS = 'model { id } dataset { id } metric value unit higherIsBetter setting split variant note source { title url kind } rank';

/** A result as the API answers RESULT_FIELDS: the fact's values, its model and dataset as objects, and its rank. */
type ResultAnswer = Omit<ResultFact, 'model' | 'dataset' | 'source' | 'sourceKind'> & {
  model: { id: string };
  dataset: { id: string };
  source: { title: string; url: string | null; kind: string | null };
  rank: number;
};

interface BoardAnswer {
  dataset: { id: string };
  metric: string;
  setting: string;
  higherIsBetter: boolean;
  totalCount: number;
  entries: ResultAnswer[];
}

/** A result as the API should answer it, from its fact and its rank. */
function answerOf(result: ResultFact, rank: number): ResultAnswer {
  return {
    model: { id: result.model }, dataset: { id: result.dataset }, metric: result.metric, value: result.value,
    unit: result.unit, higherIsBetter: result.higherIsBetter, setting: result.setting, split: result.split,
    variant: result.variant, note: result.note,
    source: { title: result.source.title, url: result.source.url, kind: result.sourceKind }, rank,
  };
}

function boardAnswerOf(board: ExpectedBoard, entries = board.entries): BoardAnswer {
  return {
    dataset: { id: board.dataset }, metric: board.metric, setting: board.setting, higherIsBetter: board.higherIsBetter,
    totalCount: board.entries.length, entries: entries.map(({ result, rank }) => answerOf(result, rank)),
  };
}

const BOARD_FIELDS = `dataset { id } metric setting higherIsBetter totalCount entries(first: 100) { ${RESULT_FIELDS} }`;

describe('leaderboards', () => {
  const server = useTestServer();

  it('hold every result of the facts, one leaderboard per dataset, metric and setting, in rank order with ties sharing a rank', async () => {
    const response = await server.gql<{ leaderboards: BoardAnswer[] }>(`{ leaderboards { ${BOARD_FIELDS} } }`);
    expect(response.errors).toBeUndefined();
    const boards = expectedBoards();
    expect(response.data!.leaderboards).toEqual(boards.map((board) => boardAnswerOf(board)));
    // The facts hold ties, so the comparison above covered them.
    expect(boards.some((board) => new Set(board.entries.map((e) => e.rank)).size < board.entries.length)).toBe(true);
    // Ranks are positions, a tie taking the rank of the first of its equals (1, 2, 2, 4).
    for (const { entries } of response.data!.leaderboards) {
      entries.forEach((entry, i) => {
        expect(entry.rank).toBe(i > 0 && entries[i - 1]!.value === entry.value ? entries[i - 1]!.rank : i + 1);
      });
    }
  });

  it('answer the issue\'s two leaderboards best first with their sources in one request (the README example)', async () => {
    const query = readFileSync('src/ui/examples/13-leaderboards.graphql', 'utf8');
    const response = await server.gql<Record<string, { setting: string; entries: { value: number; model: { name: string }; source: { url: string } }[] }>>(query);
    expect(response.errors).toBeUndefined();
    const { proteinGym, medQA } = response.data!;
    for (const [dataset, answer] of [['proteingym', proteinGym!], ['medqa-usmle', medQA!]] as const) {
      const board = expectedBoards().find((b) => b.dataset === dataset && b.setting === answer.setting)!;
      expect(answer.entries.map((e) => e.model.name)).toEqual(
        board.entries.slice(0, answer.entries.length).map((e) => models.get(e.result.model)!.name),
      );
      expect(answer.entries.map((e) => e.source.url)).toEqual(
        board.entries.slice(0, answer.entries.length).map((e) => e.result.source.url),
      );
    }
    // The leaderboards; the entries, one query per set of arguments (first 5; first 3 of open-weight models); the
    // full rows of the entries' models, for openWeights.
    expect(response.extensions?.cypherQueries).toBe(4);
  });

  it('filter entries by the models\' conditions, keeping the ranks of the whole leaderboard', async () => {
    const board = expectedBoards().find((b) => b.dataset === 'medqa-usmle' && b.entries.length > 5)!;
    const open = board.entries.filter((e) => models.get(e.result.model)!.openWeights === true);
    const response = await server.gql<{ leaderboard: { entries: ResultAnswer[]; all: { rank: number }[] } }>(
      `query($dataset: ID!, $metric: String!, $setting: String!) {
        leaderboard(dataset: $dataset, metric: $metric, setting: $setting) {
          entries(first: 100, where: { openWeights: true }) { ${RESULT_FIELDS} }
          all: entries(first: 3) { rank }
        }
      }`,
      { dataset: board.dataset, metric: board.metric, setting: board.setting },
    );
    expect(response.errors).toBeUndefined();
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(board.entries.length);
    expect(response.data!.leaderboard.entries).toEqual(open.map(({ result, rank }) => answerOf(result, rank)));
    expect(response.data!.leaderboard.all).toEqual(board.entries.slice(0, 3).map(({ rank }) => ({ rank })));
  });

  it('give each model its results as its facts say, by dataset, metric and setting, then best first', async () => {
    const ranks = new Map(expectedBoards().flatMap((b) => b.entries.map((e) => [e.result, e.rank] as const)));
    const withResults = [...new Set(facts.results.map((r) => r.model))].sort();
    for (let i = 0; i < withResults.length; i += 25) {
      const ids = withResults.slice(i, i + 25);
      const response = await server.gql<Record<string, { results: ResultAnswer[] }>>(
        `{ ${ids.map((id, j) => `m${String(j)}: model(id: "${id}") { results { ${RESULT_FIELDS} } }`).join('\n')} }`,
      );
      expect(response.errors).toBeUndefined();
      ids.forEach((id, j) => {
        const own = facts.results
          .filter((r) => r.model === id)
          .sort(byKeys((r) => datasets.get(r.dataset)!.name.toLowerCase(), (r) => r.dataset, (r) => r.metric.toLowerCase(), (r) => r.metric,
            (r) => r.setting.toLowerCase(), (r) => r.setting, (r) => ranks.get(r)!, (r) => (r.variant ?? '').toLowerCase()));
        expect(response.data![`m${String(j)}`]!.results, id).toEqual(own.map((r) => answerOf(r, ranks.get(r)!)));
      });
    }
  });

  it('sort a model\'s metrics by name in any case, as every list of the API: ESM-2\'s contact precision before its Q3', async () => {
    const response = await server.gql<{ model: { results: { dataset: { id: string }; metric: string }[] } }>(
      '{ model(id: "esm-2") { results { dataset { id } metric } } }',
    );
    const metrics = [...new Set(response.data!.model.results.filter((r) => r.dataset.id === 'casp14').map((r) => r.metric))];
    const own = [...new Set(facts.results.filter((r) => r.model === 'esm-2' && r.dataset === 'casp14').map((r) => r.metric))];
    expect(metrics).toEqual(own.sort(byKeys((metric) => metric.toLowerCase(), (metric) => metric)));
    expect(metrics.findIndex((m) => m.startsWith('contact'))).toBeLessThan(metrics.findIndex((m) => m.startsWith('Q3')));
  });

  it('give a model only its results on one dataset when asked, and none to a model without results', async () => {
    const esm2 = facts.results.filter((r) => r.model === 'esm-2');
    const dataset = esm2[0]!.dataset;
    const without = facts.models.find((m) => !facts.results.some((r) => r.model === m.id))!;
    const response = await server.gql<{ model: { results: { dataset: { id: string } }[] }; other: { results: unknown[] } }>(
      `{ model(id: "esm-2") { results(dataset: "${dataset}") { dataset { id } } } other: model(id: "${without.id}") { results { rank } } }`,
    );
    expect(response.data!.model.results).toEqual(esm2.filter((r) => r.dataset === dataset).map(() => ({ dataset: { id: dataset } })));
    expect(esm2.length).toBeGreaterThan(response.data!.model.results.length);
    expect(response.data!.other.results).toEqual([]);
  });

  it('list a dataset\'s leaderboards, and those of a task\'s or a domain\'s datasets', async () => {
    const task = facts.tasks.find((t) => facts.datasets.some((d) => d.tasks.includes(t.id) && facts.results.some((r) => r.dataset === d.id)))!;
    const domain = task.domains[0]!;
    const response = await server.gql<{
      dataset: { leaderboards: { metric: string; setting: string; totalCount: number }[] };
      byTask: { dataset: { id: string }; setting: string }[];
      byDomain: { dataset: { id: string }; setting: string }[];
    }>(`{
      dataset(id: "medqa-usmle") { leaderboards { metric setting totalCount } }
      byTask: leaderboards(task: "${task.id}") { dataset { id } setting }
      byDomain: leaderboards(domain: "${domain}") { dataset { id } setting }
    }`);
    const boards = expectedBoards();
    expect(response.data!.dataset.leaderboards).toEqual(
      boards.filter((b) => b.dataset === 'medqa-usmle').map((b) => ({ metric: b.metric, setting: b.setting, totalCount: b.entries.length })),
    );
    const taskDatasets = new Set(facts.datasets.filter((d) => d.tasks.includes(task.id)).map((d) => d.id));
    expect(response.data!.byTask).toEqual(boards.filter((b) => taskDatasets.has(b.dataset)).map((b) => ({ dataset: { id: b.dataset }, setting: b.setting })));
    const domainTasks = new Set(facts.tasks.filter((t) => t.domains.includes(domain)).map((t) => t.id));
    const domainDatasets = new Set(facts.datasets.filter((d) => d.tasks.some((t) => domainTasks.has(t))).map((d) => d.id));
    expect(response.data!.byDomain).toEqual(boards.filter((b) => domainDatasets.has(b.dataset)).map((b) => ({ dataset: { id: b.dataset }, setting: b.setting })));
    expect(response.data!.byDomain.length).toBeLessThan(boards.length);
  });

  it('give null for a leaderboard nobody reported, and name `first` when it is out of range', async () => {
    const board = expectedBoards()[0]!;
    const response = await server.gql<{ none: null; other: null }>(`{
      none: leaderboard(dataset: "${board.dataset}", metric: "${board.metric}", setting: "no such setting") { totalCount }
      other: leaderboard(dataset: "nope", metric: "accuracy", setting: "5-shot") { totalCount }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ none: null, other: null });
    const tooMany = await server.gql(`{ leaderboards { entries(first: 101) { rank } } }`);
    expect(tooMany.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(tooMany.errors?.[0]?.message).toBe('first must be 0..100, got 101');
  });

  it('warn about unknown task, domain and entry filter ids, in one lookup however many leaderboards ask', async () => {
    const board = expectedBoards()[0]!;
    const response = await server.gql<{ byTask: unknown[]; byDomain: unknown[]; leaderboard: { entries: unknown[] } }>(
      `query($dataset: ID!, $metric: String!, $setting: String!) {
        byTask: leaderboards(task: "NOPE") { metric }
        byDomain: leaderboards(domain: "nope") { metric }
        leaderboard(dataset: $dataset, metric: $metric, setting: $setting) { entries(where: { domain: "nope", descendantOf: "nope2" }) { rank } }
      }`,
      { dataset: board.dataset, metric: board.metric, setting: board.setting },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ byTask: [], byDomain: [], leaderboard: { entries: [] } });
    expectWarnings(response, [
      { code: 'UNKNOWN_ID', argument: 'task', message: 'no task has the id "nope"' },
      { code: 'UNKNOWN_ID', argument: 'domain', message: 'no domain has the id "nope"' },
      { code: 'UNKNOWN_ID', argument: 'where.domain', message: 'no domain has the id "nope"' },
      { code: 'UNKNOWN_ID', argument: 'where.descendantOf', message: 'no model has the id "nope2"' },
    ]);
    const every = await server.gql<{ leaderboards: { entries: unknown[] }[] }>(
      '{ leaderboards { entries(where: { domain: "nope", descendantOf: "nope2" }) { rank } } }',
    );
    expect(every.data!.leaderboards).toHaveLength(expectedBoards().length);
    expect(every.data!.leaderboards.every((b) => b.entries.length === 0)).toBe(true);
    expectWarnings(every, [
      { code: 'UNKNOWN_ID', argument: 'where.domain', message: 'no domain has the id "nope"' },
      { code: 'UNKNOWN_ID', argument: 'where.descendantOf', message: 'no model has the id "nope2"' },
    ]);
    // The leaderboards; the entries of all of them; one batched lookup of the unknown ids and one search for what
    // they were meant as, not one per leaderboard.
    expect(every.extensions?.cypherQueries).toBe(4);
  });

  it('say why a leaderboard is null: the dataset probably meant, or the metrics and settings the dataset has', async () => {
    const LEADERBOARD = `query($dataset: ID!, $metric: String!, $setting: String!) {
      leaderboard(dataset: $dataset, metric: $metric, setting: $setting) { metric }
    }`;
    const boards = expectedBoards().filter((b) => b.dataset === 'medqa-usmle');
    const [board] = boards;
    const misspelt = await server.gql<{ leaderboard: null }>(LEADERBOARD, { dataset: 'medqa', metric: board!.metric, setting: board!.setting });
    expect(misspelt.data!.leaderboard).toBeNull();
    expectWarnings(misspelt, [
      { code: 'UNKNOWN_ID', argument: 'dataset', message: 'no dataset has the id "medqa"; did you mean "medqa-usmle" (MedQA (USMLE))?', suggestion: 'medqa-usmle' },
    ]);
    const setting = await server.gql<{ leaderboard: null }>(LEADERBOARD, { dataset: 'medqa-usmle', metric: 'accuracy', setting: '5 shot' });
    expect(setting.data!.leaderboard).toBeNull();
    const listed = boards.slice(0, 10).map((b) => `${JSON.stringify(b.metric)} / ${JSON.stringify(b.setting)}`);
    expectWarnings(setting, [
      {
        code: 'UNKNOWN_LEADERBOARD',
        argument: 'setting',
        message:
          'dataset "medqa-usmle" has no leaderboard of metric "accuracy" and setting "5 shot"; its leaderboards (metric / setting): ' +
          `${listed.join('; ')}; ${String(boards.length - 10)} more in Dataset.leaderboards`,
      },
    ]);
    expect(setting.extensions!.warnings![0]!.message).toContain('"accuracy" / "5-shot"');
    // The dataset's leaderboards carry the dataset: it is not looked up again to tell it is known.
    expect(setting.extensions?.cypherQueries).toBe(1);
    const metric = await server.gql<{ leaderboard: null }>(LEADERBOARD, { dataset: 'medqa-usmle', metric: 'Accuracy', setting: board!.setting });
    expect(metric.extensions!.warnings!.map((w) => [w.code, w.argument])).toEqual([['UNKNOWN_LEADERBOARD', 'metric']]);
  });

  it('do not warn when known ids simply leave a leaderboard empty', async () => {
    const board = expectedBoards().find((b) => b.dataset === 'medqa-usmle')!;
    const response = await server.gql<{ leaderboard: { entries: unknown[] } }>(
      `query($dataset: ID!, $metric: String!, $setting: String!) {
        leaderboard(dataset: $dataset, metric: $metric, setting: $setting) { entries(where: { domain: "drug-discovery", yearTo: 1900 }) { rank } }
      }`,
      { dataset: board.dataset, metric: board.metric, setting: board.setting },
    );
    expect(response.data!.leaderboard.entries).toEqual([]);
    expect(response.extensions?.warnings).toBeUndefined();
  });

  it('load one Cypher query per level, however many leaderboards or models ask', async () => {
    const task = facts.datasets.find((d) => expectedBoards().filter((b) => b.dataset === d.id).length === 1)!.tasks[0]!;
    const tree = (scope: string): string =>
      `{ leaderboards${scope} { entries(first: 2) { model { openWeights results { dataset { leaderboards { totalCount } } } } } } }`;
    const few = await server.gql<{ leaderboards: unknown[] }>(tree(`(task: "${task}")`));
    const many = await server.gql<{ leaderboards: unknown[] }>(tree(''));
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(few.data!.leaderboards.length).toBeLessThan(many.data!.leaderboards.length);
    // The leaderboards, their entries, the entries' models in full (openWeights), the models' results, the
    // leaderboards of the results' datasets.
    expect(few.extensions?.cypherQueries).toBe(5);
    expect(many.extensions?.cypherQueries).toBe(5);
  });

  it('never lead a path through a result: paths run from entity to entity', async () => {
    const unlinked = facts.results.find((r) => {
      const model = models.get(r.model)!;
      return ![...model.evaluatedOn, ...model.trainedOn].includes(r.dataset);
    })!;
    const response = await server.gql<{ path: { nodes: { __typename: string }[]; edges: { type: string }[] } | null }>(
      `{ path(from: "${unlinked.model}", to: "${unlinked.dataset}", maxHops: 6) { nodes { __typename } edges { type } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.path!.edges.length).toBeGreaterThan(1);
    expect(response.data!.path!.edges.map((e) => e.type)).not.toContain('ACHIEVED');
  });
});
