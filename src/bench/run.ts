/**
 * `npm run bench`: for each graph size, loads a synthetic graph into its own local Neo4j data directory (never
 * the real seed's), starts this server, the same server with loaders off (N+1), and the @neo4j/graphql peer,
 * checks that every system returns the same data as the floor (one hand-written Cypher query), then measures
 * each operation. Options: --sizes S,M,L  --seconds 5  --runs 3  --connections 8  --soak 60 (0 to skip)
 * --operations nested,search (default: all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Database } from '../db/database.js';
import { freePort, startLocalNeo4j } from '../db/local-neo4j.js';
import { applySchema } from '../db/scripts.js';
import { projectPath } from '../paths.js';
import { responseHash } from './canonical.js';
import { measureFloor, measureHttp, medianOf, type Measurement } from './measure.js';
import { OPERATIONS, operationContext, type Operation } from './operations.js';
import { readRealProfile } from './profile.js';
import { writeReport, type BenchReport, type OperationResult, type System } from './report.js';
import { generateGraph, loadGraph, SIZES, type SizeName } from './synthetic.js';

const GRAPH_VERSION = 1;

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M' },
    seconds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    soak: { type: 'string', default: '60' },
    operations: { type: 'string', default: '' },
  },
});
const onlyOperations = options.operations ? new Set(options.operations.split(',')) : null;
const sizes = options.sizes.split(',').map((s) => s.trim().toUpperCase()) as SizeName[];
const seconds = Number(options.seconds);
const runs = Number(options.runs);
const connections = Number(options.connections);
const soakSeconds = Number(options.soak);

interface Running {
  url: string;
  process: ChildProcess;
}

function waitForReady(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (pattern.test(line)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)} before it was ready`)));
  });
}

async function startSystem(script: string, env: Record<string, string>, ready: RegExp): Promise<Running> {
  const port = await freePort();
  const child = spawn('node', ['--import', 'tsx', script], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', QUERY_STATS: 'true', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForReady(child, ready);
  return { url: `http://127.0.0.1:${String(port)}/graphql`, process: child };
}

async function post(url: string, query: string, variables: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: unknown[]; extensions?: { cypherQueries?: number } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown> };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function prepareGraph(size: SizeName, db: Database, dataDir: string): Promise<number | null> {
  const marker = `${dataDir}/.biofm-bench-${String(GRAPH_VERSION)}-${String(SIZES[size])}`;
  // The schema may have gained indexes since the graph was generated; applying it is idempotent.
  await applySchema(db);
  if (existsSync(marker)) return null;
  const started = performance.now();
  const profile = await readRealProfile(db);
  const graph = generateGraph(profile, SIZES[size]);
  await loadGraph(db, graph);
  writeFileSync(marker, new Date().toISOString());
  return (performance.now() - started) / 1000;
}

async function benchSize(size: SizeName, report: BenchReport): Promise<void> {
  const dataDir = projectPath('.neo4j-local', `bench-${size}`);
  const neo4j = await startLocalNeo4j({ dataDir, boltPort: await freePort(), heap: size === 'L' ? '4g' : '2g' });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: 600_000, acquisitionTimeoutMs: 5000, maxPoolSize: 64 });
  const systems: Partial<Record<System, Running>> = {};
  try {
    console.log(`[${size}] preparing the graph in ${dataDir}`);
    const loadSeconds = await prepareGraph(size, db, dataDir);
    const [counts] = await db.read('MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships');
    report.graphs[size] = { models: SIZES[size], nodes: Number(counts?.['nodes']), relationships: Number(counts?.['relationships']), loadSeconds };
    console.log(`[${size}] graph: ${JSON.stringify(report.graphs[size])}`);
    const ctx = await operationContext(db.reader({ cypherQueries: 0 }));

    const env = { NEO4J_URI: neo4j.uri, CYPHER_TIMEOUT_MS: '60000', DB_MAX_POOL_SIZE: '64' };
    systems.ours = await startSystem('src/index.ts', { ...env, LOADER_BATCHING: 'true' }, /biofm-graph ready/);
    systems['n+1'] = await startSystem('src/index.ts', { ...env, LOADER_BATCHING: 'false' }, /biofm-graph ready/);
    systems.peer = await startSystem('src/bench/peer-server.ts', env, /peer ready/);

    for (const op of OPERATIONS.filter((o) => !onlyOperations || onlyOperations.has(o.name))) {
      report.operations.push(await benchOperation(size, op, ctx, db, systems));
    }

    if (soakSeconds > 0 && size === (sizes.includes('M') ? 'M' : sizes[0])) {
      const nested = OPERATIONS[0]!;
      const body = JSON.stringify({ query: nested.query, variables: nested.variables(ctx) });
      const pid = systems.ours.process.pid!;
      const rssStartMb = rssMb(pid);
      console.log(`[${size}] soak: nested for ${String(soakSeconds)} s at 32 connections`);
      // 32 connections queue on 2 cores behind a multi-megabyte response: give each 60 s before calling it an error.
      const result = await measureHttp(systems.ours.url, body, 32, soakSeconds, 60);
      const rssEndMb = rssMb(pid);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      report.soak = { size, seconds: soakSeconds, connections: 32, clientTimeoutSeconds: 60, requests: Math.round(result.rps * soakSeconds), errors: result.errors, rssStartMb, rssEndMb, rssAfterIdleMb: rssMb(pid), p50: result.p50, p99: result.p99 };
    }
  } finally {
    for (const running of Object.values(systems)) running.process.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
  }
}

async function benchOperation(
  size: SizeName,
  op: Operation,
  ctx: Awaited<ReturnType<typeof operationContext>>,
  db: Database,
  systems: Partial<Record<System, Running>>,
): Promise<OperationResult> {
  const variables = op.variables(ctx);
  const floorParams = op.floor.params(ctx);
  const floorHash = responseHash(op.floor.payload(await db.read(op.floor.cypher, floorParams)));
  const result: OperationResult = { size, operation: op.name, roundTrips: { floor: 1 }, sameData: {}, results: {} };
  const http: [System, string, string][] = [];
  for (const system of ['ours', 'n+1'] as const) {
    const answer = await post(systems[system]!.url, op.query, variables);
    result.sameData[system] = !answer.errors && responseHash(op.fromOurs(answer.data ?? {})) === floorHash;
    result.roundTrips[system] = answer.extensions?.cypherQueries;
    http.push([system, systems[system]!.url, JSON.stringify({ query: op.query, variables })]);
  }
  if (op.peer && systems.peer) {
    const answer = await post(systems.peer.url, op.peer.query, variables);
    result.sameData.peer = !answer.errors && responseHash(op.peer.fromPeer(answer.data ?? {})) === floorHash;
    if (answer.errors) console.log(`[${size}] peer ${op.name}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
    result.roundTrips.peer = 1;
    http.push(['peer', systems.peer.url, JSON.stringify({ query: op.peer.query, variables })]);
  }
  for (const [system, url, body] of http) {
    // Warm up (JIT, pools, Neo4j's query cache) so that no system pays for going first.
    await measureHttp(url, body, connections, 1);
    const measured: Measurement[] = [];
    for (let i = 0; i < runs; i += 1) measured.push(await measureHttp(url, body, connections, seconds));
    result.results[system] = medianOf(measured);
  }
  await measureFloor(db, op.floor.cypher, floorParams, connections, 1);
  const floorRuns: Measurement[] = [];
  for (let i = 0; i < runs; i += 1) floorRuns.push(await measureFloor(db, op.floor.cypher, floorParams, connections, seconds));
  const floor = medianOf(floorRuns);
  result.results.floor = floor;
  const r = result.results;
  console.log(
    `[${size}] ${op.name.padEnd(20)} ours ${r.ours!.rps.toFixed(0)} req/s p50 ${r.ours!.p50.toFixed(1)} ms | n+1 ${r['n+1']!.rps.toFixed(0)} | peer ${r.peer ? r.peer.rps.toFixed(0) : '–'} | floor ${floor.rps.toFixed(0)} req/s p50 ${floor.p50.toFixed(1)} ms | same data ${JSON.stringify(result.sameData)} | round trips ${JSON.stringify(result.roundTrips)}`,
  );
  return result;
}

async function main(): Promise<void> {
  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${String(cpus().length)} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    settings: { connections, seconds, runs },
    graphs: {},
    operations: [],
  };
  for (const size of sizes) await benchSize(size, report);
  const files = writeReport(report);
  console.log('\nratios (median p50 and req/s, side by side in this run):');
  for (const op of report.operations) {
    const r = op.results;
    const f = (a?: number, b?: number): string => (a && b ? (a / b).toFixed(2) : '–');
    console.log(`  ${op.size} ${op.operation.padEnd(20)} ours/floor p50 ${f(r.ours?.p50, r.floor?.p50)}  ours/peer req/s ${f(r.ours?.rps, r.peer?.rps)}  ours/N+1 req/s ${f(r.ours?.rps, r['n+1']?.rps)}`);
  }
  console.log(`\nwrote ${files.join(', ')}`);
}

await main();
