import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { request as httpRequest } from 'node:http';
import { freePort } from '../../src/db/local-neo4j.js';
import { releaseVersion } from '../../src/db/scripts.js';
import { testNeo4j } from '../neo4j.js';
import { isRunning } from '../processes.js';
import { EXPECTED_STATS } from '../expected.js';

const ENTRY = ['--import', 'tsx', 'src/index.ts'];
/**
 * How long a start with its own Neo4j may take to seed and be ready: about 20 s on a quiet 2-core machine, minutes
 * on one whose cores are all busy with other work.
 */
const START_LIMIT_MS = 300_000;

function launcherPids(parent: number): number[] {
  const result = spawnSync('pgrep', ['-P', String(parent), '-f', 'Launcher.java'], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${String(pattern)} within ${String(timeoutMs)} ms`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (pattern.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${String(code)} before ${String(pattern)}`)));
  });
}

describe('the server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'server-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts its own Neo4j, seeds it, answers over HTTP, and stops everything on SIGINT', async () => {
    const [port, boltPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEO4J_LOCAL_BOLT_PORT: String(boltPort), NEO4J_LOCAL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env['NEO4J_URI'];
    const server = spawn('node', ENTRY, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    // If an assertion fails midway, SIGKILL still ends everything: the launcher stops when our pipe closes.
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const ready = await waitForLine(server, /biofm-graph ready at/, START_LIMIT_MS);
    expect(ready).toBe(`biofm-graph ready at http://localhost:${String(port)}/graphql`);

    const response = await fetch(`http://localhost:${String(port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename stats { models } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query', stats: { models: EXPECTED_STATS.models } } });
    // The README's first check, byte for byte.
    const typename = await fetch(`http://localhost:${String(port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect((await typename.text()).trim()).toBe('{"data":{"__typename":"Query"}}');
    const neo4jPids = launcherPids(server.pid!);
    server.kill('SIGINT');
    expect(neo4jPids.length).toBe(1);
    expect(await exited).toBe(0);
    expect(neo4jPids.filter(isRunning)).toEqual([]);
  }, 2 * START_LIMIT_MS);

  it('rebuilds a graph whose first start was killed in the middle of seeding, and is not ready until it is verified', async () => {
    const killedDir = mkdtempSync(path.join(tmpdir(), 'server-killed-'));
    onTestFinished(() => rmSync(killedDir, { recursive: true, force: true }));
    const start = async (): Promise<{ server: ChildProcess; port: number }> => {
      const [port, boltPort] = [await freePort(), await freePort()];
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEO4J_LOCAL_BOLT_PORT: String(boltPort), NEO4J_LOCAL_DATA_DIR: killedDir, LOG_LEVEL: 'info' };
      delete env['NEO4J_URI'];
      const server = spawn('node', ENTRY, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      onTestFinished(() => {
        if (server.exitCode === null) server.kill('SIGKILL');
      });
      return { server, port };
    };

    const first = await start();
    // The seed scripts are being applied: the facts are half written when the process dies.
    await waitForLine(first.server, /applying .*seed"/, START_LIMIT_MS);
    const neo4jPids = launcherPids(first.server.pid!);
    first.server.kill('SIGKILL');
    await vi.waitFor(() => expect(neo4jPids.filter(isRunning)).toEqual([]), { timeout: 30_000, interval: 200 });

    const second = await start();
    const ready = waitForLine(second.server, /biofm-graph ready at/, START_LIMIT_MS);
    const readyStatuses: number[] = [];
    let isReady = false;
    void ready.then(() => (isReady = true), () => undefined);
    while (!isReady) {
      const status = await fetch(`http://localhost:${String(second.port)}/ready`).then((r) => r.status, () => 0);
      if (status !== 0) readyStatuses.push(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await ready;
    expect(readyStatuses[0]).toBe(503);
    const response = await fetch(`http://localhost:${String(second.port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { domains tasks datasets models organizations relationships } release { version } }' }),
    });
    const body = (await response.json()) as { data: { stats: unknown; release: { version: string } } };
    expect(body.data.stats).toEqual(EXPECTED_STATS);
    expect(body.data.release.version).toBe(releaseVersion());
    const exited = new Promise((resolve) => second.server.once('exit', resolve));
    second.server.kill('SIGINT');
    await exited;
  }, 3 * START_LIMIT_MS);

  it('refuses to start with a bad environment value and names the variable', () => {
    const result = spawnSync('node', ENTRY, {
      env: { ...process.env, PORT: 'abc', NEO4J_LOCAL_BOLT_PORT: '99999' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be an integer 0..65535, got "abc"');
    expect(result.stderr).toContain('NEO4J_LOCAL_BOLT_PORT must be an integer 1..65535, got "99999"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const neo4j = testNeo4j();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      LOG_LEVEL: 'warn',
    };
    const server = spawn('node', ENTRY, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await waitForLine(server, /biofm-graph ready at/, 60_000);

    // A slow client: headers and half the body now, the rest after SIGTERM has arrived.
    const body = JSON.stringify({ query: '{ model(id: "esm-2") { name domains { name } } }' });
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: 'localhost', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 500);
      }, 200);
    });
    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ data: { model: { name: 'ESM-2', domains: [{ name: 'Computational Biology' }] } } });
    expect(await exited).toBe(0);
  }, 90_000);
});
