/**
 * `npm run bench`: for each graph size, loads a synthetic graph into its own local Neo4j data directory (never
 * the real seed's), starts this server, the same server with loaders off (N+1), and the @neo4j/graphql peer,
 * checks that every system returns the same data as the floor (one hand-written Cypher query), then measures
 * each operation. Options: --sizes S,M,L  --seconds 5  --runs 3  --connections 8  --soak 60 (0 to skip)
 * --operations nested,search (default: all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Database } from '../db/database.js';
import { freePort, startLocalNeo4j } from '../db/local-neo4j.js';
import { applyDerived, applySchema } from '../db/scripts.js';
import { projectPath } from '../paths.js';
import { responseHash } from './canonical.js';
import { measureFloor, measureHttp, measureSequential, medianOf, type Measurement } from './measure.js';
import { OPERATIONS, operationContext, type Operation } from './operations.js';
import { readRealProfile } from './profile.js';
import { soak } from './soak.js';
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
  // Compiled JavaScript, as `npm start` runs it: tsx's source maps make every stack trace the driver captures costly.
  const child = spawn('node', [projectPath('dist', script)], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', QUERY_STATS: 'true', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForReady(child, ready);
  return { url: `http://127.0.0.1:${String(port)}/graphql`, process: child };
}

interface Answer {
  data?: Record<string, unknown>;
  errors?: unknown[];
  extensions?: { cypherQueries?: number };
}

async function post(url: string, body: string): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return (await response.json()) as Answer;
}

/**
 * A system whose single answer takes longer than this is measured one request at a time (all of them when the
 * floor is that slow), and so is one whose load runs complete too few answers: a window of a few seconds would
 * hold a handful of answers or none, each past autocannon's timeout.
 */
const SEQUENTIAL_ABOVE_MS = 2000;
const SEQUENTIAL_REQUESTS = 3;
/** A load run that completes fewer answers than this says little; the system is then measured one at a time. */
const MIN_LOAD_ANSWERS = 5;

async function prepareGraph(size: SizeName, db: Database, dataDir: string): Promise<number | null> {
  const marker = `${dataDir}/.biofm-bench-${String(GRAPH_VERSION)}-${String(SIZES[size])}`;
  // The schema may have gained indexes, and cypher/derived/ statements, since the graph was generated; applying
  // both is idempotent.
  await applySchema(db);
  if (existsSync(marker)) {
    await applyDerived(db);
    return null;
  }
  const started = performance.now();
  const profile = await readRealProfile(db);
  const graph = generateGraph(profile, SIZES[size]);
  await loadGraph(db, graph);
  await applyDerived(db);
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

    // N+1 opens thousands of queries at once: let them wait for a pooled connection instead of failing after 2 s.
    // The slowest operations at L take about a minute and answer tens of megabytes: the server's own timeouts and
    // its answer size limit must not cut them off.
    const env = {
      NEO4J_URI: neo4j.uri,
      CYPHER_TIMEOUT_MS: '300000',
      REQUEST_TIMEOUT_MS: '300000',
      MAX_RESPONSE_BYTES: '2000000000',
      RESPONSE_WRITE_TIMEOUT_MS: '300000',
      DB_MAX_POOL_SIZE: '64',
      DB_ACQUISITION_TIMEOUT_MS: '60000',
      // The synthetic graph is not the release of the facts: serve it as it is.
      SEED_ON_START: 'false',
    };
    systems.ours = await startSystem('index.js', { ...env, LOADER_BATCHING: 'true' }, /biofm-graph ready/);
    systems['n+1'] = await startSystem('index.js', { ...env, LOADER_BATCHING: 'false' }, /biofm-graph ready/);
    systems.peer = await startSystem('bench/peer-server.js', env, /peer ready/);

    for (const op of OPERATIONS.filter((o) => !onlyOperations || onlyOperations.has(o.name))) {
      report.operations.push(await benchOperation(size, op, ctx, db, systems));
    }

    if (soakSeconds > 0 && size === (sizes.includes('M') ? 'M' : sizes[0])) {
      const nested = OPERATIONS[0]!;
      const body = JSON.stringify({ query: nested.query, variables: nested.variables(ctx) });
      console.log(`[${size}] soak: ${nested.name} for ${String(soakSeconds)} s`);
      report.soak = { size, operation: nested.name, ...(await soak(systems.ours.url, body, systems.ours.process.pid!, soakSeconds)) };
      console.log(`[${size}] soak: ${JSON.stringify(report.soak)}`);
    }
  } finally {
    for (const running of Object.values(systems)) running.process.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
  }
}

/** A warm-up run (JIT, pools, Neo4j's query cache, so that no system pays for going first), then the median of the timed runs. */
async function underLoad(measure: (seconds: number) => Promise<Measurement>): Promise<Measurement> {
  await measure(1);
  const timed: Measurement[] = [];
  for (let i = 0; i < runs; i += 1) timed.push(await measure(seconds));
  return medianOf(timed);
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
  const floorStarted = performance.now();
  const floorHash = responseHash(op.floor.payload(await db.read(op.floor.cypher, floorParams)));
  const tooSlowForLoad = (ms: number): boolean => ms > SEQUENTIAL_ABOVE_MS;
  const allSequential = tooSlowForLoad(performance.now() - floorStarted);
  const result: OperationResult = { size, operation: op.name, sequential: [], roundTrips: { floor: 1 }, sameData: {}, results: {} };
  const oursBody = JSON.stringify({ query: op.query, variables });
  const peerQuery = typeof op.peer.query === 'string' ? op.peer.query : op.peer.query(ctx);
  const peerBody = JSON.stringify({ query: peerQuery, variables: op.peer.variables?.(ctx) ?? variables });
  for (const system of ['ours', 'n+1', 'peer'] as const) {
    const running = systems[system];
    if (!running) continue;
    const body = system === 'peer' ? peerBody : oursBody;
    const started = performance.now();
    const answer = await post(running.url, body);
    const answerMs = performance.now() - started;
    const payload = system === 'peer' ? op.peer.fromPeer(answer.data ?? {}) : op.fromOurs(answer.data ?? {});
    result.sameData[system] = !answer.errors && responseHash(payload) === floorHash;
    if (answer.errors) console.log(`[${size}] ${system} ${op.name}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
    // The peer runs one Cypher query per request by design.
    result.roundTrips[system] = system === 'peer' ? 1 : answer.extensions?.cypherQueries;
    let measured: Measurement | null = null;
    if (!allSequential && !tooSlowForLoad(answerMs)) {
      measured = await underLoad((runSeconds) => measureHttp(running.url, body, connections, runSeconds));
    }
    if (!measured || measured.rps * seconds < MIN_LOAD_ANSWERS) {
      result.sequential.push(system);
      measured = await measureSequential(async () => !(await post(running.url, body)).errors, SEQUENTIAL_REQUESTS);
    }
    result.results[system] = measured;
  }
  if (allSequential) {
    result.sequential.push('floor');
    result.results.floor = await measureSequential(async () => (await db.read(op.floor.cypher, floorParams)).length > 0, SEQUENTIAL_REQUESTS);
  } else {
    result.results.floor = await underLoad((runSeconds) => measureFloor(db, op.floor.cypher, floorParams, connections, runSeconds));
  }
  const floor = result.results.floor;
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
