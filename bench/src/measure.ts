/**
 * Load generation: autocannon for the HTTP systems, an in-process loop for the floor (driver only), and one
 * request at a time for operations too slow to load-test. Latencies are kept in fractions of a millisecond:
 * autocannon's own percentiles are whole milliseconds, too coarse for answers that take one or two.
 */
import autocannon from 'autocannon';
import type { Database } from '../../src/db/database.js';

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The median of each figure over several runs. */
export function medianOf(runs: Measurement[]): Measurement {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Throughput and percentiles of the latencies (ms) of the answers completed in `elapsedSeconds`. */
function summarise(latencies: number[], elapsedSeconds: number, errors: number): Measurement {
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { rps: latencies.length / elapsedSeconds, p50: at(0.5), p99: at(0.99), errors };
}

/** `timeoutSeconds` is how long the client waits for one response before counting an error (autocannon: 10). */
export async function measureHttp(
  url: string,
  body: string,
  connections: number,
  seconds: number,
  timeoutSeconds = 10,
): Promise<Measurement> {
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, timeout: timeoutSeconds, method: 'POST', headers: { 'content-type': 'application/json' }, body },
      (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  return summarise(latencies, (performance.now() - started) / 1000, result.errors + result.timeouts + result.non2xx);
}

/** `connections` concurrent loops running the query through the driver until the time is up. */
export async function measureFloor(
  db: Database,
  cypher: string,
  params: Record<string, unknown>,
  connections: number,
  seconds: number,
): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await db.read(cypher, params);
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return summarise(latencies, (performance.now() - started) / 1000, errors);
}

/**
 * How many requests, one after another, measure a loaded system alone in a round where another system of the
 * operation is too slow to load-test: its answers take milliseconds, so a few cost nothing and steady the median.
 */
export const ALONE_REQUESTS = 5;

/** `count` requests one after another; rps is their rate, p99 the slowest (too few requests for a percentile). */
export async function measureSequential(request: () => Promise<boolean>, count: number): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const requestStarted = performance.now();
    const ok = await request().catch(() => false);
    if (ok) latencies.push(performance.now() - requestStarted);
    else errors += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { rps: latencies.length / elapsed, p50: median(latencies), p99: Math.max(0, ...latencies), errors };
}
