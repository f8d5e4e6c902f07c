import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../src/db/local-neo4j.js';
import { isRunning, launcherPids } from '../processes.js';
import { BUDGET } from '../time.js';

interface LogLine {
  level?: number;
  msg?: string;
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, boundMs: number, what: string): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() - started > boundMs) throw new Error(`${what}: not within ${String(boundMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the supervised local Neo4j', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'supervision-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is restarted after kill -9, with SERVICE_UNAVAILABLE meanwhile; when it cannot come back, /health fails', async () => {
    const [port, boltPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEO4J_LOCAL_BOLT_PORT: String(boltPort),
      NEO4J_LOCAL_DATA_DIR: dataDir,
      NEO4J_LOCAL_START_TIMEOUT_MS: String(BUDGET.neo4jStart),
      NEO4J_LOCAL_RESTARTS: '2',
      NEO4J_LOCAL_RESTART_BACKOFF_MS: '2000',
      // The first queries of a Neo4j just restarted can take longer than the default Cypher timeout on a busy machine.
      CYPHER_TIMEOUT_MS: String(BUDGET.transaction),
      LOG_LEVEL: 'info',
      NEO4J_LOCAL_CLASS_ARCHIVE: 'false',
      NEO4J_LOCAL_JIT: 'quick',
      // The answers must come from Neo4j: a whole answer cached before the kill would hide the outage.
      RESPONSE_CACHE_MB: '0',
    };
    delete env['NEO4J_URI'];
    const server = spawn('node', ['--import', 'tsx', 'src/index.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const stdout: string[] = [];
    createInterface({ input: server.stdout }).on('line', (line) => stdout.push(line));
    const logged = (msg: string): LogLine | undefined =>
      stdout
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .find((line) => line.msg === msg);

    const base = `http://localhost:${String(port)}`;
    const modelName = async (): Promise<{ name?: string; code?: string }> => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ model(id: "esm-2") { name } }' }),
      });
      const body = (await response.json()) as { data?: { model: { name: string } | null }; errors?: { extensions?: { code?: string } }[] };
      return { name: body.data?.model?.name, code: body.errors?.[0]?.extensions?.code };
    };
    const health = async (): Promise<number> => (await fetch(`${base}/health`)).status;

    await until(() => stdout.find((line) => line.startsWith('biofm-graph ready at')), BUDGET.serverStart, 'server ready');
    expect(await modelName()).toEqual({ name: 'ESM-2', code: undefined });

    // kill -9: logged, SERVICE_UNAVAILABLE meanwhile, then restarted and answering again.
    const [first] = launcherPids(server.pid!);
    process.kill(first!, 'SIGKILL');
    const died = await until(() => logged('the local Neo4j died; restarting it'), BUDGET.poll, 'death logged');
    expect(died.level).toBe(50);
    expect((await modelName()).code).toBe('SERVICE_UNAVAILABLE');
    expect(await health()).toBe(200);
    const started = performance.now();
    await until(() => logged('the local Neo4j is back'), BUDGET.neo4jStart, 'restart logged');
    await until(async () => ((await modelName()).name === 'ESM-2' ? true : undefined), BUDGET.poll, 'answering again');
    console.info(`local Neo4j restarted and answering ${String(Math.round(performance.now() - started))} ms after its death was logged`);
    const [second] = launcherPids(server.pid!);
    expect(second).not.toBe(first);

    // kill -9 again, and take its port so that no restart can succeed: after the tries, /health fails.
    process.kill(second!, 'SIGKILL');
    await until(() => (isRunning(second!) ? undefined : true), BUDGET.poll, 'second Neo4j gone');
    const blocker: Server = createServer();
    await until(
      () =>
        new Promise<true | undefined>((resolve) => {
          blocker.once('error', () => resolve(undefined));
          blocker.listen(boltPort, '127.0.0.1', () => resolve(true));
        }),
      BUDGET.poll,
      'Bolt port taken',
    );
    onTestFinished(() => void blocker.close());
    const gaveUp = await until(() => logged('the local Neo4j could not be restarted; /health now fails'), BUDGET.neo4jStart, 'give-up logged');
    expect(gaveUp.level).toBe(60);
    expect(await health()).toBe(503);
    expect((await modelName()).code).toBe('SERVICE_UNAVAILABLE');

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, BUDGET.serverStart + 2 * BUDGET.neo4jStart + 5 * BUDGET.poll);
});
