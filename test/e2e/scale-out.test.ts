import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/local-neo4j.js';
import { projectPath } from '../../src/paths.js';
import { TEST_SERVER_ENV } from '../harness.js';
import { testNeo4j } from '../neo4j.js';
import { stopProcess, waitForLine } from '../processes.js';
import { TestRedis } from '../redis.js';
import { BUDGET } from '../time.js';

/** The load: a minute through nginx, one replica SIGKILLed a quarter of the way in and started again. */
const LOAD_SECONDS = 60;
const KILL_AFTER_SECONDS = 15;
/** The load goes on at least this long after the restarted replica is ready, so that it is seen serving again. */
const SERVING_AGAIN_SECONDS = 10;
/** Throughput: rounds of one replica, then three, in turn, so that a drift of the machine falls on both alike. */
const ROUNDS = 3;
const ROUND_SECONDS = 5;
const CLIENTS = 8;
const FIRST = 5;
const QUERY = `{ models(first: ${String(FIRST)}) { nodes { id name year } } }`;

/**
 * Starts an API process on `port` (added to `processes` at once, so that it is stopped whatever happens next), as
 * deploy/compose.yaml runs one: the client's address from nginx, rate limits on, their buckets in `redisUrl`.
 */
function startReplica(port: number, redisUrl: string, processes: ChildProcess[]): Promise<ChildProcess> {
  const neo4j = testNeo4j();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: {
      ...process.env,
      ...TEST_SERVER_ENV,
      // nginx, not a test client, holds the connections: the API's default keep-alive, which nginx's
      // keepalive_timeout in deploy/nginx.conf is set below, as deployed.
      KEEP_ALIVE_TIMEOUT_MS: '5000',
      TRUST_PROXY: '1',
      // Every answer takes its token from the one Redis; the bucket is too large for the load to empty.
      RATE_LIMIT: 'true',
      RATE_LIMIT_POINTS: '100000000',
      RATE_LIMIT_REDIS_URL: redisUrl,
      PORT: String(port),
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  processes.push(child);
  return waitForLine(child, /biofm-graph ready at/, BUDGET.serverStart).then(() => child);
}

/** deploy/nginx.conf itself, with its upstream servers, listen port and files moved to this machine and `dir`. */
function nginxConfig(dir: string, name: string, listen: number, upstreams: number[]): string {
  const servers = upstreams.map((port) => `server 127.0.0.1:${String(port)} max_fails=1 fail_timeout=2s;`).join('\n    ');
  const conf = readFileSync(projectPath('deploy', 'nginx.conf'), 'utf8')
    .replace(/server api:4000[^;]*;/, servers)
    .replace('listen 80;', `listen 127.0.0.1:${String(listen)};`)
    .replace('/var/log/nginx/access.log', path.join(dir, `${name}.access.log`))
    .replace('http {', `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;`)
    .replace('events {}', `pid ${dir}/${name}.pid;\nerror_log ${dir}/${name}.error.log warn;\nevents {}`);
  const file = path.join(dir, `${name}.conf`);
  writeFileSync(file, conf);
  return file;
}

/** Starts nginx on `upstreams` (added to `processes` at once, so that it is stopped whatever happens next). */
async function startNginx(dir: string, name: string, upstreams: number[], processes: ChildProcess[]): Promise<{ url: string; log: string }> {
  const port = await freePort();
  const nginx = spawn('nginx', ['-p', dir, '-c', nginxConfig(dir, name, port, upstreams), '-g', 'daemon off;'], { stdio: 'inherit' });
  processes.push(nginx);
  let notStarted: Error | undefined;
  nginx.once('error', (error) => {
    notStarted = error;
  });
  const deadline = performance.now() + BUDGET.poll;
  while (!(await fetch(`http://127.0.0.1:${String(port)}/health`).then((r) => r.ok, () => false))) {
    if (notStarted) throw new Error(`nginx could not be started (Debian: apt-get install nginx): ${notStarted.message}`);
    if (nginx.exitCode !== null || performance.now() > deadline) throw new Error(`nginx ${name} does not answer (${dir}/${name}.error.log)`);
    await sleep(100);
  }
  return { url: `http://127.0.0.1:${String(port)}/graphql`, log: path.join(dir, `${name}.access.log`) };
}

/** One line of deploy/nginx.conf's `upstreams` log: when, what, and every replica tried with its status, in order. */
interface Proxied {
  msec: number;
  request: string;
  status: number;
  upstreams: { address: string; status: string }[];
}

function proxiedRequests(log: string): Proxied[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /\] (\S+) "([^"]*)" (\d+) rt=\S+ upstream=(.*) upstream_status=(.*)$/.exec(line);
      if (!match) throw new Error(`not an upstreams log line: ${line}`);
      const addresses = match[4]!.split(', ');
      const statuses = match[5]!.split(', ');
      return {
        msec: Number(match[1]) * 1000,
        request: match[2]!,
        status: Number(match[3]),
        upstreams: addresses.map((address, i) => ({ address, status: statuses[i] ?? '' })),
      };
    })
    .filter((line) => line.request.includes(' /graphql'));
}

interface Load {
  sent: number;
  ok: number;
  failed: string[];
  rps: number;
}

/**
 * CLIENTS loops sending the query, GET and POST in turn (nginx must retry both), until `until` has settled and
 * at least `seconds` have passed; every answer must be a 200 with FIRST models and no errors.
 */
async function load(url: string, seconds: number, until: Promise<unknown> = Promise.resolve()): Promise<Load> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = false;
  const stop = (): void => {
    done = true;
  };
  // Settled either way, the load may stop; whoever passed `until` awaits it for its outcome.
  void until.then(stop, stop);
  const result: Load = { sent: 0, ok: 0, failed: [], rps: 0 };
  const get = `${url}?query=${encodeURIComponent(QUERY)}`;
  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) };
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!done || performance.now() < deadline) {
        result.sent += 1;
        try {
          const response = await (result.sent % 2 === 0 ? fetch(get) : fetch(url, post));
          const body = (await response.json()) as { data?: { models?: { nodes?: unknown[] } }; errors?: unknown[] };
          // The RateLimit field says the replica took the answer's token from the shared bucket.
          const limited = response.headers.get('ratelimit') !== null;
          if (response.status === 200 && limited && !body.errors && body.data?.models?.nodes?.length === FIRST) result.ok += 1;
          else result.failed.push(`${String(response.status)} ${JSON.stringify(body).slice(0, 200)}`);
        } catch (error) {
          result.failed.push(String(error));
        }
      }
    }),
  );
  result.rps = result.ok / ((performance.now() - started) / 1000);
  return result;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (value: number): number => Math.round(value * 100) / 100;

/** How many scripts `redis` has run: each a take of the rate limit. */
async function takesIn(redis: TestRedis): Promise<number> {
  const stats = String(await redis.withClient((client) => client.info('commandstats')));
  return Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

describe('scaling out: API replicas behind nginx on one Neo4j and one Redis', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scale-out-'));
  // Started by root (as in CI), nginx runs its workers as an unprivileged user: they must reach its temp files here.
  chmodSync(dir, 0o755);
  const processes: ChildProcess[] = [];
  const ports: number[] = [];
  const replicas: ChildProcess[] = [];
  let three: { url: string; log: string };
  let one: { url: string; log: string };
  const report: Record<string, unknown> = {};
  let redis: TestRedis | undefined;

  beforeAll(async () => {
    redis = await TestRedis.start();
    ports.push(await freePort(), await freePort(), await freePort());
    replicas.push(...(await Promise.all(ports.map((port) => startReplica(port, redis!.url, processes)))));
    three = await startNginx(dir, 'three', ports, processes);
    one = await startNginx(dir, 'one', ports.slice(0, 1), processes);
  }, BUDGET.serverStart + BUDGET.hook);

  afterAll(async () => {
    await Promise.all(processes.map((child) => stopProcess(child, BUDGET.poll)));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(projectPath('test-output'), { recursive: true });
    writeFileSync(projectPath('test-output', 'scale-out.json'), `${JSON.stringify(report, null, 2)}\n`);
  }, BUDGET.hook);

  it('serves through nginx with one replica and with three, and reports the throughput of each', async () => {
    // Warm-up through the three (the one is among them): every replica has compiled its hot paths before measuring.
    expect((await load(three.url, ROUND_SECONDS)).failed).toEqual([]);
    const rounds: { one: number; three: number }[] = [];
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < ROUNDS; i += 1) {
      const withOne = await load(one.url, ROUND_SECONDS);
      const withThree = await load(three.url, ROUND_SECONDS);
      expect([...withOne.failed, ...withThree.failed]).toEqual([]);
      rounds.push({ one: round2(withOne.rps), three: round2(withThree.rps) });
    }
    report['throughput'] = {
      clients: CLIENTS,
      rounds,
      medianOneReplicaRps: median(rounds.map((r) => r.one)),
      medianThreeReplicasRps: median(rounds.map((r) => r.three)),
      medianRatio: round2(median(rounds.map((r) => r.three / r.one))),
      loadAverage1m: { before: round2(loadBefore), after: round2(loadavg()[0]!) },
    };
    console.log(`scale-out throughput: ${JSON.stringify(report['throughput'])}`);
    expect(rounds.every((r) => r.one > 0 && r.three > 0)).toBe(true);
    // Every replica of the three took a share of the requests.
    const answeredBy = new Set(proxiedRequests(three.log).map((line) => line.upstreams.at(-1)!.address));
    expect([...answeredBy].sort()).toEqual(ports.map((port) => `127.0.0.1:${String(port)}`).sort());
  });

  it('answers every request, GET and POST, while a replica is SIGKILLed and started again', async () => {
    const victimPort = ports[1]!;
    const victimAddress = `127.0.0.1:${String(victimPort)}`;
    const loggedBefore = proxiedRequests(three.log).length;
    let killedAt = 0;
    let readyAgainAt = 0;
    const chaos = (async () => {
      await sleep(KILL_AFTER_SECONDS * 1000);
      killedAt = Date.now();
      replicas[1]!.kill('SIGKILL');
      await startReplica(victimPort, redis!.url, processes);
      readyAgainAt = Date.now();
      await sleep(SERVING_AGAIN_SECONDS * 1000);
    })();
    const loadBefore = loadavg()[0]!;
    const takesBefore = await takesIn(redis!);
    const underFailover = await load(three.url, LOAD_SECONDS, chaos);
    await chaos;
    const takes = (await takesIn(redis!)) - takesBefore;
    expect(replicas[1]!.signalCode).toBe('SIGKILL');

    const proxied = proxiedRequests(three.log).slice(loggedBefore);
    const retried = proxied.filter((line) => line.upstreams.length > 1);
    const servedAgain = proxied.filter((line) => line.msec > readyAgainAt && line.upstreams.at(-1)!.address === victimAddress);
    report['failover'] = {
      clients: CLIENTS,
      seconds: round2((proxied.at(-1)!.msec - proxied[0]!.msec) / 1000),
      sent: underFailover.sent,
      ok: underFailover.ok,
      failed: underFailover.failed.length,
      retriedByNginx: retried.length,
      retriedPost: retried.filter((line) => line.request.startsWith('POST')).length,
      retriedGet: retried.filter((line) => line.request.startsWith('GET')).length,
      retriedElsewhere: retried.filter((line) => line.upstreams.every((tried) => tried.address !== victimAddress)).length,
      replicaDownSeconds: round2((readyAgainAt - killedAt) / 1000),
      servedByRestartedReplica: servedAgain.length,
      takesInRedis: takes,
      rps: round2(underFailover.rps),
      loadAverage1m: { before: round2(loadBefore), after: round2(loadavg()[0]!) },
    };
    console.log(`scale-out failover: ${JSON.stringify(report['failover'])}`);

    expect(underFailover.failed).toEqual([]);
    expect(underFailover.ok).toBe(underFailover.sent);
    // nginx saw every request the client sent, and answered each with 200.
    expect(proxied.map((line) => line.status)).toEqual(proxied.map(() => 200));
    expect(proxied).toHaveLength(underFailover.sent);
    // The kill was felt: requests sent to the dead replica went on to another one, and the restarted one serves again.
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.some((line) => line.upstreams[0]!.address === victimAddress)).toBe(true);
    expect(servedAgain.length).toBeGreaterThan(0);
    // Every answer's token came from the one Redis, the restarted replica's too (a request whose replica died after
    // its take was retried, and took again).
    expect(takes).toBeGreaterThanOrEqual(underFailover.ok);
  }, (LOAD_SECONDS + SERVING_AGAIN_SECONDS) * 1000 + BUDGET.serverStart + BUDGET.test);
});
