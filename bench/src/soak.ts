/**
 * The soak: one operation under constant load for a while, with the server's resident memory sampled every
 * second. A leak shows as a rising trend, so the report compares the median RSS of the load's first and last
 * thirds, and the RSS once the server has been idle long enough for V8 to give memory back.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { median, measureHttp } from './measure.js';

export interface SoakResult {
  seconds: number;
  connections: number;
  clientTimeoutSeconds: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rssStartMb: number;
  rssMaxMb: number;
  /** Median RSS over the first and the last third of the load. */
  rssFirstThirdMb: number;
  rssLastThirdMb: number;
  rssEndMb: number;
  idleSeconds: number;
  rssAfterIdleMb: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const CONNECTIONS = 32;
// Responses of several megabytes queue on 2 cores: give each a minute before calling it an error.
const CLIENT_TIMEOUT_SECONDS = 60;
// Long enough for requests still in flight when the load stops to finish and for V8's idle GC to shrink the heap.
const IDLE_SECONDS = 30;

export async function soak(url: string, body: string, pid: number, seconds: number): Promise<SoakResult> {
  const rssStartMb = rssMb(pid);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
  const load = await measureHttp(url, body, CONNECTIONS, seconds, CLIENT_TIMEOUT_SECONDS);
  clearInterval(sampler);
  const rssEndMb = rssMb(pid);
  await sleep(IDLE_SECONDS * 1000);
  const third = Math.max(1, Math.floor(samples.length / 3));
  return {
    seconds,
    connections: CONNECTIONS,
    clientTimeoutSeconds: CLIENT_TIMEOUT_SECONDS,
    requests: Math.round(load.rps * seconds),
    errors: load.errors,
    p50: load.p50,
    p99: load.p99,
    rssStartMb,
    rssMaxMb: Math.max(rssStartMb, ...samples),
    rssFirstThirdMb: median(samples.slice(0, third)),
    rssLastThirdMb: median(samples.slice(-third)),
    rssEndMb,
    idleSeconds: IDLE_SECONDS,
    rssAfterIdleMb: rssMb(pid),
  };
}
