import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { request as httpRequest } from 'node:http';
import { freePort } from '../../src/db/local-neo4j.js';
import { testNeo4j } from '../neo4j.js';
import { isRunning, waitForLine } from '../processes.js';

const ENTRY = ['--import', 'tsx', 'src/index.ts'];

function launcherPids(parent: number): number[] {
  const result = spawnSync('pgrep', ['-P', String(parent), '-f', 'Launcher.java'], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
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
    const ready = await waitForLine(server, /biofm-graph ready at/, 120_000);
    expect(ready).toBe(`biofm-graph ready at http://localhost:${String(port)}/graphql`);

    const response = await fetch(`http://localhost:${String(port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename stats { models } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query', stats: { models: 426 } } });
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
  }, 180_000);

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
