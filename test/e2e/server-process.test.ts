import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { request as httpRequest } from 'node:http';
import { freePort } from '../../src/db/local-neo4j.js';
import { releaseVersion } from '../../src/db/scripts.js';
import { TEST_SERVER_ENV } from '../harness.js';
import { testNeo4j } from '../neo4j.js';
import { isRunning, launcherPids, waitForLine } from '../processes.js';
import { EXPECTED_STATS } from '../expected.js';
import { BUDGET } from '../time.js';

const ENTRY = ['--import', 'tsx', 'src/index.ts'];

describe('the server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'server-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts its own Neo4j, seeds it, answers over HTTP, and stops everything on SIGINT', async () => {
    const [port, boltPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, ...TEST_SERVER_ENV, PORT: String(port), NEO4J_LOCAL_BOLT_PORT: String(boltPort), NEO4J_LOCAL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env['NEO4J_URI'];
    const server = spawn('node', ENTRY, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    // If an assertion fails midway, SIGKILL still ends everything: the launcher stops when our pipe closes.
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const ready = await waitForLine(server, /biofm-graph ready at/, BUDGET.serverStart);
    expect(ready).toBe(`biofm-graph ready at http://localhost:${String(port)}/graphql`);

    const response = await fetch(`http://localhost:${String(port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename stats { models } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query', stats: { models: EXPECTED_STATS.models } } });
    // The smallest query, whole: its data and the cost every answer reports, nothing else.
    const typename = await fetch(`http://localhost:${String(port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await typename.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: { estimated: 0, limit: 500_000 } } });
    // A GET, as urql and Apollo Client send queries: the ETag check and Apollo both read its query string.
    const get = await fetch(`http://localhost:${String(port)}/graphql?query=${encodeURIComponent('{ stats { models } }')}`);
    expect(await get.json()).toMatchObject({ data: { stats: { models: EXPECTED_STATS.models } } });
    const neo4jPids = launcherPids(server.pid!);
    server.kill('SIGINT');
    expect(neo4jPids.length).toBe(1);
    expect(await exited).toBe(0);
    expect(neo4jPids.filter(isRunning)).toEqual([]);
    // Node prints a warning of its own (e.g. an API deprecated on a newer line, url.parse on Node 24) as "(node:PID)".
    expect(stderr).not.toMatch(/\(node:\d+\)/);
  }, BUDGET.serverStart + BUDGET.test);

  it('rebuilds a graph whose first start was killed in the middle of seeding, and is not ready until it is verified', async () => {
    const killedDir = mkdtempSync(path.join(tmpdir(), 'server-killed-'));
    onTestFinished(() => rmSync(killedDir, { recursive: true, force: true }));
    const start = async (): Promise<{ server: ChildProcess; port: number }> => {
      const [port, boltPort] = [await freePort(), await freePort()];
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEO4J_LOCAL_BOLT_PORT: String(boltPort), NEO4J_LOCAL_DATA_DIR: killedDir, LOG_LEVEL: 'info', NEO4J_LOCAL_CLASS_ARCHIVE: 'false', NEO4J_LOCAL_JIT: 'quick' };
      delete env['NEO4J_URI'];
      const server = spawn('node', ENTRY, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      onTestFinished(() => {
        if (server.exitCode === null) server.kill('SIGKILL');
      });
      return { server, port };
    };

    const first = await start();
    // The seed scripts are being applied: the facts are half written when the process dies.
    await waitForLine(first.server, /applying .*seed"/, BUDGET.serverStart);
    const neo4jPids = launcherPids(first.server.pid!);
    first.server.kill('SIGKILL');
    await vi.waitFor(() => expect(neo4jPids.filter(isRunning)).toEqual([]), { timeout: BUDGET.poll, interval: 200 });

    const second = await start();
    const ready = waitForLine(second.server, /biofm-graph ready at/, BUDGET.serverStart);
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
  }, 3 * BUDGET.serverStart);

  it('refuses to start with a bad environment value and names the variable', () => {
    const result = spawnSync('node', ENTRY, {
      env: { ...process.env, PORT: 'abc', NEO4J_LOCAL_BOLT_PORT: '99999' },
      encoding: 'utf8',
      timeout: BUDGET.shortProcess,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be an integer 0..65535, got "abc"');
    expect(result.stderr).toContain('NEO4J_LOCAL_BOLT_PORT must be an integer 1..65535, got "99999"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, BUDGET.shortProcess);

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const neo4j = testNeo4j();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...TEST_SERVER_ENV,
      PORT: String(port),
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      // Info, for the "shutting down" line.
      LOG_LEVEL: 'info',
    };
    const server = spawn('node', ENTRY, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await waitForLine(server, /biofm-graph ready at/, BUDGET.serverStart);

    // A slow client: the headers first; once the server has read them (it answers "100 Continue"), half the body
    // and SIGTERM; the rest only after the server has logged that it is shutting down.
    const body = JSON.stringify({ query: '{ model(id: "esm-2") { name domains { name } } }' });
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' };
      const req = httpRequest({ host: 'localhost', port, path: '/graphql', method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.once('continue', () => {
        req.write(body.slice(0, half));
        server.kill('SIGTERM');
        waitForLine(server, /shutting down/, BUDGET.poll).then(() => req.end(body.slice(half)), reject);
      });
      req.flushHeaders();
    });
    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ data: { model: { name: 'ESM-2', domains: [{ name: 'Computational Biology' }] } } });
    expect(await exited).toBe(0);
  }, BUDGET.serverStart + BUDGET.test);
});
