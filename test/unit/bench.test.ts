import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { responseHash } from '../../bench/src/canonical.js';
import { measureSequential, median, type Measurement } from '../../bench/src/measure.js';
import { DESCENDANTS_DEPTH, PATH_HOPS } from '../../bench/src/operations.js';
import type { RealProfile } from '../../bench/src/profile.js';
import { markdown, sizeSummaries, writeReport, type BenchReport, type OperationResult } from '../../bench/src/report.js';
import { Rng } from '../../bench/src/rng.js';
import { balancedOrder, combineRounds, geometricMean, measuredAlone, roundOrder, roundRatios, SYSTEMS, type Round } from '../../bench/src/rounds.js';
import { generateGraph } from '../../bench/src/synthetic.js';

const profile: RealProfile = {
  nodes: {
    Domain: [{ id: 'd1', name: 'D one' }, { id: 'd2', name: 'D two' }],
    Task: [{ id: 't1', name: 'T one' }, { id: 't2', name: 'T two' }],
    Dataset: [{ id: 's1', name: 'S one' }],
    Model: [{ id: 'm1', name: 'M one', year: 2020 }, { id: 'm2', name: 'M two', year: 2021 }],
  },
  outDegrees: { HAS_TASK: [1], BENCHMARKED_ON: [1, 2], IN_DOMAIN: [1], PERFORMS: [1, 2], TRAINED_ON: [0, 1], EVALUATED_ON: [1], BASED_ON: [0, 1] },
};

describe('benchmark helpers', () => {
  it('hashes responses alike whatever their key and list order', () => {
    expect(responseHash({ a: [{ x: 1, y: 2 }, { x: 3 }], b: null })).toBe(responseHash({ b: null, a: [{ x: 3 }, { y: 2, x: 1 }] }));
    expect(responseHash({ a: [1, 2] })).not.toBe(responseHash({ a: [1, 3] }));
  });

  it('gives the floor and the peer of the descendants operation the depth its GraphQL document asks for', () => {
    const document = readFileSync(new URL('../../bench/operations/descendants.graphql', import.meta.url), 'utf8');
    expect(document).toContain(`descendants(maxDepth: ${String(DESCENDANTS_DEPTH)})`);
  });

  it('gives the floor and the peer of the path operation the maxHops its GraphQL document asks for', () => {
    const document = readFileSync(new URL('../../bench/operations/path.graphql', import.meta.url), 'utf8');
    expect(document).toContain(`maxHops: ${String(PATH_HOPS)})`);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('draws the same numbers from the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    expect(Array.from({ length: 5 }, () => a.int(1000))).toEqual(Array.from({ length: 5 }, () => b.int(1000)));
  });

  it('generates the same graph for the same size and seed, scaled from the real counts', () => {
    const first = generateGraph(profile, 100, 1);
    expect(generateGraph(profile, 100, 1)).toEqual(first);
    expect(first.nodes.Model).toHaveLength(100);
    expect(first.nodes.Task).toHaveLength(100);
    expect(first.nodes.Dataset).toHaveLength(50);
    expect(first.nodes.Domain.map((d) => d['id'])).toEqual(['d1', 'd2']);
    // Every model has one domain, and bases are always earlier models.
    expect(first.relationships['IN_DOMAIN']).toHaveLength(100);
    for (const [from, to] of first.relationships['BASED_ON']!) expect(to < from).toBe(true);
    expect(first.nodes.Model[3]?.['name']).toMatch(/^MODEL003 M (one|two)$/);
  });
});

describe('sequential measurement', () => {
  it('times requests one after another and counts failures apart', async () => {
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const measured = await measureSequential(async () => {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      if (calls === 2) throw new Error('refused');
      return calls !== 3;
    }, 4);
    expect(calls).toBe(4);
    expect(maxInFlight).toBe(1);
    expect(measured.errors).toBe(2);
    expect(measured.p50).toBeGreaterThanOrEqual(4);
    expect(measured.p99).toBeGreaterThanOrEqual(measured.p50);
  });
});

describe('interleaved rounds', () => {
  const m = (rps: number, p50: number): Measurement => ({ rps, p50, p99: p50 * 2, errors: 0 });

  it('measures every system once per round, in every position and after every other system once over as many rounds as there are systems', () => {
    const orders = SYSTEMS.map((_, round) => roundOrder(round));
    for (const order of orders) expect([...order].sort()).toEqual([...SYSTEMS].sort());
    SYSTEMS.forEach((_, position) => expect(new Set(orders.map((order) => order[position])).size).toBe(SYSTEMS.length));
    const successions = orders.flatMap((order) => order.slice(1).map((system, i) => `${order[i]!} -> ${system}`));
    expect(new Set(successions).size).toBe(SYSTEMS.length * (SYSTEMS.length - 1));
    expect(roundOrder(0).slice(0, 2)).toEqual(['ours', 'ours-warm']);
    expect(roundOrder(SYSTEMS.length)).toEqual(roundOrder(0));
  });

  it('puts each of an odd number of systems after each other equally often over twice as many rounds', () => {
    const orders = [0, 1, 2, 3, 4, 5].map((round) => balancedOrder(['a', 'b', 'floor'], round));
    const successions = orders.flatMap((order) => order.slice(1).map((system, i) => `${order[i]!} -> ${system}`));
    const counts = new Map<string, number>();
    for (const succession of successions) counts.set(succession, (counts.get(succession) ?? 0) + 1);
    expect(counts.size).toBe(6);
    expect(new Set(counts.values())).toEqual(new Set([2]));
    expect(orders.map((order) => order[0])).toEqual(['a', 'b', 'floor', 'floor', 'a', 'b']);
  });

  it('takes each ratio within a round and reports its median and spread', () => {
    const rounds: Round[] = [
      { ours: m(100, 4), peer: m(80, 5), floor: m(400, 1), 'http-floor': m(300, 2) },
      { ours: m(50, 8), peer: m(60, 7), floor: m(200, 2), 'http-floor': m(150, 4) },
      { ours: m(90, 4), peer: m(100, 4), floor: m(390, 1), 'http-floor': m(290, 2) },
    ];
    const ratios = roundRatios(rounds);
    expect(ratios['ours/peer']).toEqual({ median: 0.9, min: 50 / 60, max: 1.25, crossesOne: true });
    expect(ratios['ours/http-floor']).toEqual({ median: 2, min: 2, max: 2, crossesOne: false });
    expect(ratios['ours/floor']).toEqual({ median: 4, min: 4, max: 4, crossesOne: false });
    // No N+1 in any round: no ratio rather than a made-up one.
    expect(ratios['ours/n+1']).toBeUndefined();
  });

  it('takes a ratio between a system too slow to load-test and a loaded one from both measured alone', () => {
    // The peer answers one request at a time (0.5 req/s); ours under load makes 40-50 req/s, alone 1-1.5.
    const rounds: Round[] = [
      { ours: m(50, 100), peer: m(0.5, 2000), 'http-floor': m(80, 60) },
      { ours: m(40, 120), peer: m(0.5, 2000), 'http-floor': m(70, 70) },
    ];
    const alone: Round[] = [
      { ours: m(1, 1000), 'http-floor': m(2, 500) },
      { ours: m(1.5, 700), 'http-floor': m(2, 500) },
    ];
    const ratios = roundRatios(rounds, ['peer'], alone);
    expect(ratios['ours/peer']).toEqual({ median: 2.5, min: 2, max: 3, crossesOne: false });
    // Both loaded: the figures under load, as without a sequential system.
    expect(ratios['ours/http-floor']?.median).toBeCloseTo(((100 / 60) + (120 / 70)) / 2, 10);
    expect(measuredAlone('ours/peer', ['peer'])).toBe(true);
    expect(measuredAlone('ours/http-floor', ['peer'])).toBe(false);
    expect(measuredAlone('ours/peer', ['ours', 'peer'])).toBe(false);

    const report: BenchReport = {
      date: '2026-01-01',
      machine: 'test',
      settings: { connections: 8, seconds: 1, runs: 2 },
      graphs: {},
      operations: [{
        size: 'L', operation: 'model-counts', sequential: ['peer'], roundTrips: {}, sameData: {},
        rounds, alone, results: combineRounds(rounds, ['peer']), ratios, loadAverages: [],
      }],
    };
    const text = markdown(report);
    expect(text).toContain('| 2.50 (2.00–3.00)† | 1.69 (1.67–1.71) |');
    expect(text).toContain('taken between their answers sent alone');
  });

  it('combines rounds by their medians, a sequential system by its slowest answer for p99', () => {
    const rounds: Round[] = [{ ours: m(10, 100), peer: m(1, 1000) }, { ours: m(30, 50), peer: m(0.5, 2000) }, { ours: m(20, 70), peer: m(2, 500) }];
    const combined = combineRounds(rounds, ['peer']);
    expect(combined.ours).toEqual({ rps: 20, p50: 70, p99: 140, errors: 0 });
    expect(combined.peer).toEqual({ rps: 1, p50: 1000, p99: 4000, errors: 0 });
    expect(combined.floor).toBeUndefined();
  });

  it('averages ratios geometrically, so that 2x and 0.5x cancel out', () => {
    expect(geometricMean([2, 0.5])).toBeCloseTo(1, 10);
    expect(geometricMean([1, 4])).toBeCloseTo(2, 10);
    expect(geometricMean([])).toBeUndefined();
  });

  it('writes a cold and a warm row per operation with the spreads, and a summary line per size', () => {
    const rounds: Round[] = [
      { ours: m(100, 4), 'ours-warm': m(400, 1), peer: m(80, 5), floor: m(400, 1), 'http-floor': m(300, 2) },
      { ours: m(50, 8), 'ours-warm': m(300, 1.5), peer: m(60, 7), floor: m(200, 2), 'http-floor': m(150, 4) },
    ];
    const operation = (name: string): OperationResult => ({
      size: 'S',
      operation: name,
      sequential: [],
      roundTrips: { ours: 1 },
      sameData: { ours: true, peer: true },
      rounds,
      alone: [],
      results: combineRounds(rounds, []),
      ratios: roundRatios(rounds),
      loadAverages: [3.5, 4.25],
    });
    const report: BenchReport = {
      date: '2026-01-01',
      machine: 'test',
      settings: { connections: 8, seconds: 1, runs: 2 },
      graphs: {},
      operations: [operation('first-page'), operation('search')],
    };
    const text = markdown(report);
    expect(text).toContain('| S | first-page | 75 | 6.00 / 12.0 |');
    expect(text).toContain('1.04 (0.83–1.25, crosses 1.0)');
    expect(text).toContain('| 3.9 (3.5–4.3) |');
    // Warm: 350 req/s; 4x and 6x the cold rate; 5x and 5x the peer's; 0.5 and 0.375 of the HTTP floor's p50.
    expect(text).toContain('| S | search | 350 | 1.25 / 2.50 | 5.00 (4.00–6.00) | 5.00 | 0.44 (0.38–0.50) |');
    expect(sizeSummaries(report)).toEqual([
      'S, geometric mean over 2 operations: ours ÷ peer req/s 1.04, ours p50 ÷ floor p50 4.00, ours p50 ÷ HTTP floor p50 2.00; warm ÷ peer req/s 5.00; load average 3.9 (3.5–4.3).',
    ]);

    // An operation the peer cannot answer: no peer column, and no part in the mean of ours ÷ peer.
    const withoutPeer = rounds.map(({ peer: _peer, ...others }): Round => others);
    const alone: OperationResult = {
      ...operation('all-facets'),
      rounds: withoutPeer,
      results: combineRounds(withoutPeer, []),
      ratios: roundRatios(withoutPeer),
    };
    const withAlone: BenchReport = { ...report, operations: [...report.operations, alone] };
    expect(markdown(withAlone)).toContain('| S | all-facets | 75 | 6.00 / 12.0 | – | – |');
    expect(sizeSummaries(withAlone)[0]).toContain('over 3 operations: ours ÷ peer req/s 1.04 (over the 2 the peer answers), ours p50 ÷ floor p50 4.00');

    // A second run of the day is written beside the first, never over it.
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const names = (files: string[]): string[] => files.map((file) => path.relative(dir, file));
    expect(names(writeReport(report, dir))).toEqual(['2026-01-01.json', '2026-01-01.md', '2026-01-01.svg']);
    const first = readFileSync(path.join(dir, '2026-01-01.md'), 'utf8');
    expect(names(writeReport(withAlone, dir))).toEqual(['2026-01-01b.json', '2026-01-01b.md', '2026-01-01b.svg']);
    expect(readFileSync(path.join(dir, '2026-01-01.md'), 'utf8')).toBe(first);
    expect(readFileSync(path.join(dir, '2026-01-01b.md'), 'utf8')).toContain('| S | all-facets |');
    // A day's later run goes after the last letter any of that day's files uses, a log of a partial run too.
    writeFileSync(path.join(dir, '2026-01-01d-partial.txt'), 'log');
    expect(names(writeReport(report, dir))).toEqual(['2026-01-01e.json', '2026-01-01e.md', '2026-01-01e.svg']);
  });
});
