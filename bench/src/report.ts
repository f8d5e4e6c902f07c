/** Writes the results: JSON, a markdown table, and an SVG chart of p50 latency per operation, size and system. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALONE_REQUESTS, median, type Measurement } from './measure.js';
import { geometricMean, measuredAlone, SYSTEMS, type RatioName, type Round, type Spread, type System } from './rounds.js';
import type { SoakResult } from './soak.js';

export interface OperationResult {
  size: string;
  operation: string;
  /** Systems measured with a few requests one at a time instead of timed runs under fixed concurrency. */
  sequential: System[];
  /** Cypher round trips per request, where the system reports them. */
  roundTrips: Partial<Record<System, number>>;
  /** Whether each system's answer hashes like the floor's. */
  sameData: Partial<Record<System, boolean>>;
  /** Every system's measurement in each interleaved round. */
  rounds: Round[];
  /**
   * Where some systems are `sequential`: the others measured in each round one request at a time too, for the
   * ratios between the two kinds (rounds.ts's measuredAlone). Empty otherwise.
   */
  alone: Round[];
  /** The median of the rounds per system. */
  results: Partial<Record<System, Measurement>>;
  /** Each ratio taken within every round: median and spread. */
  ratios: Partial<Record<RatioName, Spread>>;
  /** The machine's 1-minute load average as each round began (the other work on a shared machine). */
  loadAverages: number[];
}

export interface BenchReport {
  date: string;
  machine: string;
  settings: { connections: number; seconds: number; runs: number };
  graphs: Record<string, { models: number; nodes: number; relationships: number; loadSeconds: number | null }>;
  operations: OperationResult[];
  soak?: SoakResult & { size: string; operation: string };
}

const SEQUENTIAL_MARK = '†';

/** The ratios of the cold rows (the response cache off), the targets' figures, and of the warm rows. */
const COLD_RATIOS = ['ours/peer', 'ours/http-floor', 'ours/floor', 'ours/n+1'] as const satisfies readonly RatioName[];
const WARM_RATIOS = ['ours-warm/ours', 'ours-warm/peer', 'ours-warm/http-floor'] as const satisfies readonly RatioName[];

function spreadCell(spread: Spread | undefined): string {
  if (!spread) return '–';
  if (spread.min === spread.max) return spread.median.toFixed(2);
  const range = `${spread.min.toFixed(2)}–${spread.max.toFixed(2)}`;
  return `${spread.median.toFixed(2)} (${range}${spread.crossesOne ? ', crosses 1.0' : ''})`;
}

/** Fewer decimals as numbers grow: 1.37 ms, 13.7 ms, 137 ms. */
function figure(value: number): string {
  return value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
}

/** The median of a list of load averages, with its range. */
function loadCell(values: number[]): string {
  if (values.length === 0) return '–';
  return `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
}

/**
 * Per size: the geometric mean over its operations of the median ratios (cold: ours/peer, ours/floor, ours/HTTP
 * floor; warm: ours-warm/peer), and the load average the machine had meanwhile.
 */
export function sizeSummaries(report: BenchReport): string[] {
  const sizes = [...new Set(report.operations.map((op) => op.size))];
  return sizes.map((size) => {
    const ops = report.operations.filter((op) => op.size === size);
    const mean = (name: RatioName): string => {
      const value = geometricMean(ops.flatMap((op) => (op.ratios[name] ? [op.ratios[name].median] : [])));
      return value === undefined ? '–' : value.toFixed(2);
    };
    // Operations the peer cannot answer have no ours ÷ peer ratio and are left out of its mean.
    const peerAnswers = ops.filter((op) => op.ratios['ours/peer']).length;
    const peerOnly = peerAnswers < ops.length ? ` (over the ${String(peerAnswers)} the peer answers)` : '';
    return (
      `${size}, geometric mean over ${String(ops.length)} operations: ours ÷ peer req/s ${mean('ours/peer')}${peerOnly}, ours p50 ÷ floor p50 ${mean('ours/floor')}, ` +
      `ours p50 ÷ HTTP floor p50 ${mean('ours/http-floor')}; warm ÷ peer req/s ${mean('ours-warm/peer')}; ` +
      `load average ${loadCell(ops.flatMap((op) => op.loadAverages))}.`
    );
  });
}

export function markdown(report: BenchReport): string {
  const lines = [
    `# Benchmark ${report.date}`,
    '',
    `Machine: ${report.machine}. ${String(report.settings.connections)} connections, ${String(report.settings.seconds)} s per run, ${String(report.settings.runs)} interleaved rounds.`,
    '',
    '| size | models | nodes | relationships | load (s) |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(report.graphs).map(([size, g]) => `| ${size} | ${String(g.models)} | ${String(g.nodes)} | ${String(g.relationships)} | ${g.loadSeconds === null ? 'reused' : g.loadSeconds.toFixed(0)} |`),
    '',
    'Cold: ours with the response cache off (`RESPONSE_CACHE_MB=0`), every request computed.',
    '',
    '| size | operation | ours req/s | ours p50 / p99 ms | N+1 req/s | peer req/s | HTTP floor req/s | HTTP floor p50 ms | floor req/s | floor p50 ms | round trips ours / N+1 | same data | ours ÷ peer req/s | ours p50 ÷ HTTP floor p50 | ours p50 ÷ floor p50 | ours ÷ N+1 req/s | load average |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const fmt = (op: OperationResult, system: System, key: 'rps' | 'p50' | 'p99'): string => {
    const m = op.results[system];
    if (!m) return '–';
    const value = key === 'rps' ? m.rps.toFixed(m.rps < 10 ? 2 : 0) : figure(m[key]);
    return op.sequential.includes(system) ? `${value}${SEQUENTIAL_MARK}` : value;
  };
  const ratioCells = (op: OperationResult, names: readonly RatioName[]): string =>
    names
      .map((name) => {
        const cell = spreadCell(op.ratios[name]);
        return op.ratios[name] && measuredAlone(name, op.sequential) ? `${cell}${SEQUENTIAL_MARK}` : cell;
      })
      .join(' | ');
  for (const op of report.operations) {
    const same = Object.entries(op.sameData).map(([s, ok]) => `${s} ${ok ? '✓' : '✗'}`).join(', ');
    lines.push(
      `| ${op.size} | ${op.operation} | ${fmt(op, 'ours', 'rps')} | ${fmt(op, 'ours', 'p50')} / ${fmt(op, 'ours', 'p99')} | ${fmt(op, 'n+1', 'rps')} | ${fmt(op, 'peer', 'rps')} | ${fmt(op, 'http-floor', 'rps')} | ${fmt(op, 'http-floor', 'p50')} | ${fmt(op, 'floor', 'rps')} | ${fmt(op, 'floor', 'p50')} | ${String(op.roundTrips.ours ?? '–')} / ${String(op.roundTrips['n+1'] ?? '–')} | ${same} | ${ratioCells(op, COLD_RATIOS)} | ${loadCell(op.loadAverages)} |`,
    );
  }
  lines.push(
    '',
    'Warm: the same server with the response cache on (its default), the same request repeated, so answered from memory once the first is computed.',
    '',
    '| size | operation | warm req/s | warm p50 / p99 ms | warm ÷ cold req/s | warm ÷ peer req/s | warm p50 ÷ HTTP floor p50 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.operations
      .filter((op) => op.results['ours-warm'])
      .map((op) => `| ${op.size} | ${op.operation} | ${fmt(op, 'ours-warm', 'rps')} | ${fmt(op, 'ours-warm', 'p50')} / ${fmt(op, 'ours-warm', 'p99')} | ${ratioCells(op, WARM_RATIOS)} |`),
    '',
    `Ratios are taken within each round (every system measured once per round, in turn) and given as the median over the rounds, with the lowest and highest in brackets; "crosses 1.0" marks a ratio whose rounds disagree on which system is ahead. The load average is the machine's 1-minute figure as each round began: median (lowest–highest).`,
    '',
    ...sizeSummaries(report).map((line) => `- ${line}`),
  );
  if (report.operations.some((op) => op.sequential.length > 0)) {
    lines.push(
      '',
      `${SEQUENTIAL_MARK} Too slow to load-test (one answer takes over 2 s, or a run completes fewer than 5): one request per round, sent alone after a first unmeasured one; req/s is its rate, p50 the median over the rounds, p99 the slowest. A ratio marked † pairs such a system with one measured under load: so that both are measured alike, it is taken between their answers sent alone (the loaded system is also measured one request at a time in every round, the median of ${String(ALONE_REQUESTS)}), not between throughput under load and the rate of lone requests.`,
    );
  }
  if (report.soak) {
    const s = report.soak;
    const mb = (value: number): string => `${value.toFixed(0)} MB`;
    lines.push(
      '',
      `Soak: ${s.operation} at ${s.size}, ${String(s.seconds)} s at ${String(s.connections)} connections (client timeout ${String(s.clientTimeoutSeconds)} s): ` +
        `${String(s.requests)} requests, ${String(s.errors)} errors, p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms. ` +
        `Server RSS: ${mb(s.rssStartMb)} before; median ${mb(s.rssFirstThirdMb)} over the first third of the load and ` +
        `${mb(s.rssLastThirdMb)} over the last (last ÷ first ${(s.rssLastThirdMb / s.rssFirstThirdMb).toFixed(2)}); ` +
        `max ${mb(s.rssMaxMb)}; ${mb(s.rssEndMb)} at the end; ${mb(s.rssAfterIdleMb)} after ${String(s.idleSeconds)} s idle.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const COLOURS: Record<System, string> = { ours: '#2f6f9f', 'ours-warm': '#7fb3d9', 'n+1': '#c0504d', peer: '#8e6bbf', floor: '#6a9f3a', 'http-floor': '#d9a13b' };

/** Grouped bars on a log scale: one group per size and operation, one bar per system. */
export function svgChart(report: BenchReport): string {
  const groups = report.operations;
  const barWidth = 10;
  const groupWidth = SYSTEMS.length * barWidth + 16;
  const height = 320;
  const top = 30;
  const bottom = 110;
  const left = 50;
  const width = left + groups.length * groupWidth + 20;
  const values = groups.flatMap((g) => SYSTEMS.map((s) => g.results[s]?.p50 ?? 0)).filter((v) => v > 0);
  const max = Math.max(...values, 1);
  const min = Math.min(...values, 1);
  const lo = Math.floor(Math.log10(Math.max(min, 0.1)));
  const hi = Math.ceil(Math.log10(max));
  const y = (v: number): number => top + (height - top - bottom) * (1 - (Math.log10(v) - lo) / Math.max(1, hi - lo));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" font-family="sans-serif" font-size="10">`,
    `<text x="${String(left)}" y="16" font-size="13">p50 latency (ms, log scale) per operation and size</text>`,
  ];
  for (let e = lo; e <= hi; e += 1) {
    const v = 10 ** e;
    parts.push(`<line x1="${String(left)}" x2="${String(width - 10)}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${String(left - 6)}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end">${String(v)}</text>`);
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * groupWidth + 8;
    SYSTEMS.forEach((s, si) => {
      const v = g.results[s]?.p50;
      if (!v) return;
      const yv = y(Math.max(v, 10 ** lo));
      parts.push(`<rect x="${String(x0 + si * barWidth)}" y="${yv.toFixed(1)}" width="${String(barWidth - 1)}" height="${(height - bottom - yv).toFixed(1)}" fill="${COLOURS[s]}"><title>${s} ${g.size} ${g.operation}: ${v.toFixed(1)} ms</title></rect>`);
    });
    const lx = x0 + (SYSTEMS.length * barWidth) / 2;
    parts.push(`<text transform="translate(${lx.toFixed(1)},${String(height - bottom + 8)}) rotate(60)">${g.size} ${g.operation}</text>`);
  });
  SYSTEMS.forEach((s, i) => {
    parts.push(`<rect x="${String(width - 80)}" y="${String(24 + i * 14)}" width="10" height="10" fill="${COLOURS[s]}"/><text x="${String(width - 66)}" y="${String(33 + i * 14)}">${s}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * The run's files are named by its date, with a letter after it when a run of that day was written already: the
 * letter after the last one any file of that day uses (`2026-12-01h-partial.txt` uses h), so runs sort in order.
 */
function unusedBase(dir: string, date: string): string {
  const suffixes = ['', ...'bcdefghijklmnopqrstuvwxyz'];
  const names = readdirSync(dir);
  const used = suffixes.map((suffix) => names.some((name) => name.startsWith(`${date}${suffix}.`) || name.startsWith(`${date}${suffix}-`)));
  const next = suffixes[used.lastIndexOf(true) + 1];
  if (next === undefined) throw new Error(`26 runs written on ${date} in ${dir} already`);
  return path.join(dir, `${date}${next}`);
}

/** Writes the run's JSON, markdown and chart into `dir` (never over an earlier run's), and returns their paths. */
export function writeReport(report: BenchReport, dir = path.resolve('bench', 'results')): string[] {
  mkdirSync(dir, { recursive: true });
  const base = unusedBase(dir, report.date);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(report));
  writeFileSync(`${base}.svg`, svgChart(report));
  return [`${base}.json`, `${base}.md`, `${base}.svg`];
}
