import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/local-neo4j.js';
import { projectPath } from '../../src/paths.js';
import { testNeo4j } from '../neo4j.js';

/** Generous limits for a busy 2-core machine; none of them is an assertion on speed. */
const REPLICA_READY_WITHIN_MS = 120_000;
const LOAD_SECONDS = 30;
const THROUGHPUT_SECONDS = 10;
const CLIENTS = 4;
const BODY = JSON.stringify({ query: '{ models(first: 5) { nodes { id name year } } }' });

function startReplica(port: number): Promise<ChildProcess> {
  const neo4j = testNeo4j();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, PORT: String(port), NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica on ${String(port)} not ready`)), REPLICA_READY_WITHIN_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('biofm-graph ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`replica on ${String(port)} exited with ${String(code)}`)));
  });
}

/** deploy/nginx.conf itself, with its upstream servers and listen port rewritten for this machine. */
function nginxConfig(dir: string, listen: number, upstreams: number[]): string {
  const servers = upstreams.map((port) => `server 127.0.0.1:${String(port)} max_fails=1 fail_timeout=2s;`).join('\n    ');
  const conf = readFileSync(projectPath('deploy', 'nginx.conf'), 'utf8')
    .replace(/server api:4000[^;]*;/, servers)
    .replace('listen 80;', `listen 127.0.0.1:${String(listen)};`)
    .replace('http {', `http {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;`)
    .replace('events {}', `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents {}`);
  const file = path.join(dir, `nginx-${String(listen)}.conf`);
  writeFileSync(file, conf);
  return file;
}

async function startNginx(dir: string, config: string, port: number): Promise<ChildProcess> {
  const nginx = spawn('nginx', ['-p', dir, '-c', config, '-g', 'daemon off;'], { stdio: 'inherit' });
  for (let i = 0; i < 100; i += 1) {
    const up = await fetch(`http://127.0.0.1:${String(port)}/health`).then((r) => r.ok, () => false);
    if (up) return nginx;
    await sleep(100);
  }
  throw new Error('nginx did not answer');
}

interface Load {
  ok: number;
  failed: string[];
  rps: number;
}

/** CLIENTS loops posting the query until the time is up; every answer must be a 200 with data and no errors. */
async function load(url: string, seconds: number): Promise<Load> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let ok = 0;
  const failed: string[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
          const body = (await response.json()) as { data?: { models?: { nodes?: unknown[] } }; errors?: unknown[] };
          if (response.status === 200 && !body.errors && body.data?.models?.nodes?.length === 5) ok += 1;
          else failed.push(`${String(response.status)} ${JSON.stringify(body).slice(0, 200)}`);
        } catch (error) {
          failed.push(String(error));
        }
      }
    }),
  );
  return { ok, failed, rps: ok / ((performance.now() - started) / 1000) };
}

describe('scaling out: API replicas behind nginx on one Neo4j', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scale-out-'));
  mkdirSync(path.join(dir, 'logs'));
  const processes: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await sleep(1000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request while a replica is killed and restarted, and reports throughput with 3 replicas and 1', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const replicas = await Promise.all(ports.map(startReplica));
    processes.push(...replicas);
    const [threePort, onePort] = [await freePort(), await freePort()];
    processes.push(await startNginx(dir, nginxConfig(dir, threePort, ports), threePort));
    processes.push(await startNginx(dir, nginxConfig(dir, onePort, ports.slice(0, 1)), onePort));
    const three = `http://127.0.0.1:${String(threePort)}/graphql`;
    const one = `http://127.0.0.1:${String(onePort)}/graphql`;

    // Throughput side by side, before anything is killed (the same client, the same query).
    const withOne = await load(one, THROUGHPUT_SECONDS);
    const withThree = await load(three, THROUGHPUT_SECONDS);

    // The failover: replica 2 is SIGKILLed a third of the way in and restarted on its port.
    const victim = replicas[1]!;
    const chaos = (async () => {
      await sleep((LOAD_SECONDS / 3) * 1000);
      victim.kill('SIGKILL');
      await sleep(2000);
      processes.push(await startReplica(ports[1]!));
    })();
    const underFailover = await load(three, LOAD_SECONDS);
    await chaos;
    expect(victim.signalCode).toBe('SIGKILL');

    const report = { oneReplicaRps: withOne.rps, threeReplicasRps: withThree.rps, failover: { ok: underFailover.ok, failed: underFailover.failed.length } };
    mkdirSync(projectPath('test-output'), { recursive: true });
    writeFileSync(projectPath('test-output', 'scale-out.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`scale-out: ${JSON.stringify(report)}`);
    expect(withOne.failed).toEqual([]);
    expect(withThree.failed).toEqual([]);
    expect(underFailover.failed).toEqual([]);
    expect(underFailover.ok).toBeGreaterThan(0);
  }, REPLICA_READY_WITHIN_MS * 2 + (LOAD_SECONDS + 2 * THROUGHPUT_SECONDS) * 1000 + 60_000);
});
