/**
 * A real Redis server for the tests of the shared rate-limit store: Debian's `redis-server` (.ci/run installs
 * it), on a free port of this machine, in memory only (no snapshot, no append-only file): stopped and started
 * again on the same port to play an outage, frozen (SIGSTOP) to play a Redis that stops answering.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../src/db/local-neo4j.js';
import { stopProcess, waitForLine } from './processes.js';
import { BUDGET } from './time.js';

export class TestRedis {
  #process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${String(this.port)}`;
  }

  /** Starts the server (again) on its port. */
  async restart(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.#process = child;
    const notSpawned = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`redis-server could not be started (Debian: apt-get install redis-server): ${error.message}`)));
    });
    // Only the race waits for it: a rejection after the race was decided is not one nobody handled.
    notSpawned.catch(() => undefined);
    await Promise.race([waitForLine(child, /Ready to accept connections/, BUDGET.shortProcess), notSpawned]);
    // The rest of its log is not needed; a full pipe would stop it.
    child.stdout?.resume();
  }

  /** Runs `use` with a client of this server of its own, closed after. */
  async withClient<T>(use: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url);
    try {
      return await use(client);
    } finally {
      client.disconnect();
    }
  }

  /** Keeps its connections open and answers nothing, as a frozen or cut-off server does. */
  freeze(): void {
    this.#process?.kill('SIGSTOP');
  }

  thaw(): void {
    this.#process?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    // A frozen process would hold the SIGTERM until thawed.
    this.thaw();
    if (this.#process) await stopProcess(this.#process, BUDGET.failFast);
    this.#process = undefined;
  }
}
