/**
 * A real Redis server for the tests of the shared rate-limit store: Debian's `redis-server` (.ci/run installs
 * it), on a free port of this machine, in memory only (no snapshot, no append-only file), stopped and started
 * again on the same port to play an outage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../src/db/local-neo4j.js';
import { stopProcess, waitForLine } from './processes.js';
import { BUDGET } from './time.js';

export class TestRedis {
  #process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${String(this.port)}`;
  }

  /** Starts the server (again) on its port. */
  async resume(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.#process = child;
    const spawned = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`redis-server could not be started (Debian: apt-get install redis-server): ${error.message}`)));
    });
    await Promise.race([waitForLine(child, /Ready to accept connections/, BUDGET.shortProcess), spawned]);
    // The rest of its log is not needed; a full pipe would stop it.
    child.stdout?.resume();
  }

  async stop(): Promise<void> {
    if (this.#process) await stopProcess(this.#process, BUDGET.failFast);
    this.#process = undefined;
  }
}
