/**
 * Every process the benchmark starts (its servers and its Neo4j), so that all of them stop with it: at the end of
 * each size, on SIGINT (Ctrl-C) or SIGTERM, and, by SIGKILL as a last resort, when the runner exits any other way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LocalNeo4j } from '../../src/db/local-neo4j.js';

/** How long a server may take to drain and exit after SIGTERM before it is killed. */
const STOP_GRACE_MS = 15_000;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export class ChildProcesses {
  readonly #servers = new Set<ChildProcess>();
  readonly #neo4js = new Set<Promise<LocalNeo4j>>();
  #stopping = false;

  /** Whether a signal has asked everything to stop. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Spawns `command` and resolves once a line of its stdout matches `ready`. */
  start(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    this.#servers.add(child);
    void exited(child).then(() => this.#servers.delete(child));
    return new Promise((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (ready.test(line)) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`${args.at(-1) ?? command} exited with ${String(code)} before it was ready`)));
    });
  }

  /** Keeps a local Neo4j (started or still starting) to stop with the rest. */
  track(neo4j: Promise<LocalNeo4j>): Promise<LocalNeo4j> {
    this.#neo4js.add(neo4j);
    return neo4j;
  }

  /** Stops the servers first (they hold connections to Neo4j), then every Neo4j; resolves once all have exited. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.#servers].map(async (child) => {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited(child);
        clearTimeout(timer);
      }),
    );
    const neo4js = [...this.#neo4js];
    this.#neo4js.clear();
    await Promise.all(
      neo4js.map(async (starting) => {
        const neo4j = await starting.catch(() => null);
        await neo4j?.stop();
      }),
    );
  }

  /**
   * SIGINT or SIGTERM stops everything, then exits 130 or 143 as a shell would report the signal. The servers
   * share this process's group, so a terminal's Ctrl-C reaches them too; a signal sent to this process alone
   * (`kill -INT`, a supervisor, npm passing it on) would otherwise leave them running.
   */
  stopOnSignals(): void {
    const stop = (signal: NodeJS.Signals, code: number): void => {
      if (this.#stopping) return;
      this.#stopping = true;
      console.log(`\n${signal}: stopping the servers and Neo4j`);
      void this.stopAll().finally(() => process.exit(code));
    };
    process.on('SIGINT', () => stop('SIGINT', 130));
    process.on('SIGTERM', () => stop('SIGTERM', 143));
    process.on('exit', () => {
      for (const child of this.#servers) child.kill('SIGKILL');
    });
  }
}
