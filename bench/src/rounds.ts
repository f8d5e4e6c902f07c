/**
 * Interleaved rounds: every system is measured once per round, one after another, and each ratio between two
 * systems is taken within a round. Drift of a shared machine (another job starting, a GC storm, thermal limits)
 * then lands on both sides of a ratio instead of on whichever system happened to run during it; the report
 * gives the median of the per-round ratios and their spread.
 */
import { median, medianOf, type Measurement } from './measure.js';

/** `ours` runs with the response cache off (the cold figures); `ours-warm` is the same server with it on. */
export const SYSTEMS = ['ours', 'ours-warm', 'n+1', 'peer', 'floor', 'http-floor'] as const;
export type System = (typeof SYSTEMS)[number];

/**
 * `items` in the order of round `round` of a Williams design: round 0 takes them at 0, 1, n-1, 2, n-2, ...; round r
 * adds r to each index; for an odd count, the next n rounds are the first n reversed. Over n rounds (2n when n is
 * odd), every item is measured once in each position and directly after every other item equally often. Turning
 * one fixed order instead keeps each item's predecessor: `ours` always came after the HTTP floor, which had just
 * run Neo4j at its hardest, while N+1 came after the warm cache, which leaves Neo4j idle, and the same code then
 * measured 20% slower as `ours` than as N+1.
 */
export function balancedOrder<T>(items: readonly T[], round: number): T[] {
  const n = items.length;
  const row = items.map((_, j) => items[((j % 2 === 1 ? (j + 1) / 2 : n - j / 2) + round) % n]!);
  return n % 2 === 1 && round % (2 * n) >= n ? row.reverse() : row;
}

/**
 * The order systems are measured in within round `round`, so that what one system leaves behind on the shared
 * Neo4j and machine lands on each of the others in turn, not always on the same one.
 */
export function roundOrder(round: number): System[] {
  return balancedOrder(SYSTEMS, round);
}

/** One round: a measurement per system. */
export type Round = Partial<Record<System, Measurement>>;

/**
 * The ratios the report gives. Throughput ratios read "higher is better for ours", latency ratios "lower is".
 */
export const RATIOS = {
  'ours/peer': { of: 'ours', to: 'peer', figure: 'rps' },
  'ours/http-floor': { of: 'ours', to: 'http-floor', figure: 'p50' },
  'ours/floor': { of: 'ours', to: 'floor', figure: 'p50' },
  'ours/n+1': { of: 'ours', to: 'n+1', figure: 'rps' },
  'ours-warm/ours': { of: 'ours-warm', to: 'ours', figure: 'rps' },
  'ours-warm/peer': { of: 'ours-warm', to: 'peer', figure: 'rps' },
  'ours-warm/http-floor': { of: 'ours-warm', to: 'http-floor', figure: 'p50' },
} as const satisfies Record<string, { of: System; to: System; figure: 'rps' | 'p50' }>;
export type RatioName = keyof typeof RATIOS;

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** The rounds disagree on which side of 1.0 the ratio lies: the median alone would overstate what is known. */
  crossesOne: boolean;
}

export function spreadOf(values: number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: median(values), min, max, crossesOne: min < 1 && max > 1 };
}

/**
 * Whether ratio `name` pairs a system measured one request at a time with one measured under load: such a ratio
 * is taken between both systems' answers sent alone (the loaded one is also measured alone in every round, see
 * roundRatios), since throughput under load against the rate of lone requests compares unlike things.
 */
export function measuredAlone(name: RatioName, sequential: readonly System[]): boolean {
  const { of, to } = RATIOS[name];
  return sequential.includes(of) !== sequential.includes(to);
}

/**
 * Each ratio per round (rounds missing either system, or with a zero divisor, are left out), as a spread. A ratio
 * that pairs a `sequential` system with a loaded one takes the loaded system's figure from `alone`: the same
 * round's measurement of it one request at a time.
 */
export function roundRatios(rounds: Round[], sequential: readonly System[] = [], alone: Round[] = []): Partial<Record<RatioName, Spread>> {
  const ratios: Partial<Record<RatioName, Spread>> = {};
  for (const [name, { of, to, figure }] of Object.entries(RATIOS) as [RatioName, (typeof RATIOS)[RatioName]][]) {
    const pairedAlone = measuredAlone(name, sequential);
    const values = rounds.flatMap((round, index) => {
      const from = (system: System): Round => (pairedAlone && !sequential.includes(system) ? (alone[index] ?? {}) : round);
      const a = from(of)[of]?.[figure];
      const b = from(to)[to]?.[figure];
      return a !== undefined && b !== undefined && b > 0 ? [a / b] : [];
    });
    const spread = spreadOf(values);
    if (spread) ratios[name] = spread;
  }
  return ratios;
}

/**
 * One figure per system over all rounds: the medians. A system measured one request at a time has no
 * percentile to speak of: its p99 is the slowest answer of all rounds.
 */
export function combineRounds(rounds: Round[], sequential: readonly System[]): Round {
  const combined: Round = {};
  for (const system of SYSTEMS) {
    const measured = rounds.flatMap((round) => (round[system] ? [round[system]] : []));
    if (measured.length === 0) continue;
    const m = medianOf(measured);
    combined[system] = sequential.includes(system) ? { ...m, p99: Math.max(...measured.map((r) => r.p99)) } : m;
  }
  return combined;
}

/** The geometric mean: the average of ratios that treats 2× and 0.5× as cancelling out. */
export function geometricMean(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}
