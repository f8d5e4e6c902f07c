/**
 * `npm run bench`: for each graph size, loads a synthetic graph into its own local Neo4j data directory (never
 * the real seed's), starts this server (with the response cache off, and again with it on: cold and warm), the
 * same server with loaders off (N+1), the @neo4j/graphql peer and the HTTP floor, checks that every system returns the same data as the floor (one hand-written Cypher query), then
 * measures each operation in interleaved rounds. Ctrl-C (SIGINT) or SIGTERM stops every process it started.
 * Options: --sizes S,M,L  --seconds 3  --runs 6 (rounds: one whole balanced design over the six systems)
 * --connections 8  --soak 60 (0 to skip)
 * --warmup 2 (seconds per system and operation, all of them before the first is measured)
 * --operations nested,search (default: all)  --data-dir .neo4j-local (where the bench-<size> graphs live).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j } from '../../src/db/local-neo4j.js';
import { applyDerived, applySchema } from '../../src/db/scripts.js';
import { projectPath } from '../../src/paths.js';
import { responseHash } from './canonical.js';
import { ALONE_REQUESTS, measureFloor, measureHttp, measureSequential, type Measurement } from './measure.js';
import { OPERATIONS, operationContext, peerBody, type Operation, type OperationContext } from './operations.js';
import { ChildProcesses } from './processes.js';
import { readRealProfile } from './profile.js';
import { writeReport, type BenchReport, type OperationResult } from './report.js';
import { combineRounds, roundOrder, roundRatios, type Round, type System } from './rounds.js';
import { SERVER_NODE_FLAGS, serverEnv } from './server-env.js';
import { soak } from './soak.js';
import { generateGraph, loadGraph, SIZES, type SizeName } from './synthetic.js';

const GRAPH_VERSION = 1;

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M' },
    seconds: { type: 'string', default: '3' },
    runs: { type: 'string', default: '6' },
    connections: { type: 'string', default: '8' },
    soak: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '2' },
    operations: { type: 'string', default: '' },
    'data-dir': { type: 'string', default: projectPath('.neo4j-local') },
  },
});
const onlyOperations = options.operations ? new Set(options.operations.split(',')) : null;
const sizes = options.sizes.split(',').map((s) => s.trim().toUpperCase()) as SizeName[];
const seconds = Number(options.seconds);
const runs = Number(options.runs);
const connections = Number(options.connections);
const soakSeconds = Number(options.soak);
const warmupSeconds = Number(options.warmup);

const children = new ChildProcesses();

/** Where each HTTP system answers; the floor has no URL (it runs in this process, through the driver). */
type HttpSystem = Exclude<System, 'floor'>;
type Urls = Partial<Record<HttpSystem, string>>;

/**
 * The servers run the way this runner runs: compiled JavaScript under `npm run bench` (tsx's source maps make
 * every stack trace the driver captures costly), TypeScript through tsx when the runner itself is run so.
 */
const fromSource = import.meta.url.endsWith('.ts');
const script = (source: string): string =>
  fromSource ? projectPath(source) : projectPath(source.startsWith('src/') ? 'dist' : 'bench/dist', source.replace(/^src\//, '').replace(/\.ts$/, '.js'));

async function startServer(source: string, env: Record<string, string>, ready: RegExp): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const child = await children.start(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...(fromSource ? process.execArgv : []), script(source)],
    { ...env, PORT: String(port) },
    ready,
  );
  return { url: `http://127.0.0.1:${String(port)}`, pid: child.pid! };
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
 * floor is that slow), and so is one whose load runs would complete too few answers: a window of a few seconds
 * would hold a handful of answers or none, each past autocannon's timeout.
 */
const SEQUENTIAL_ABOVE_MS = 2000;
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
  writeFileSync(marker, new Date().toISOString());
  return (performance.now() - started) / 1000;
}

async function benchSize(size: SizeName, report: BenchReport): Promise<void> {
  const dataDir = path.join(options['data-dir'], `bench-${size}`);
  const neo4j = await children.track(startLocalNeo4j({
    dataDir,
    boltPort: await freePort(),
    heap: size === 'L' ? '4g' : '2g',
    startTimeoutMs: 900_000,
    // The bench never writes a class-data archive (the server does, after its start): no class list to record.
    classArchiveDir: false,
  }));
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: 600_000, acquisitionTimeoutMs: 5000, maxPoolSize: 64 });
  try {
    console.log(`[${size}] preparing the graph in ${dataDir}`);
    const loadSeconds = await prepareGraph(size, db, dataDir);
    const [counts] = await db.read('MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships');
    report.graphs[size] = { models: SIZES[size], nodes: Number(counts?.['nodes']), relationships: Number(counts?.['relationships']), loadSeconds };
    console.log(`[${size}] graph: ${JSON.stringify(report.graphs[size])}`);
    const ctx = await operationContext(db.reader({ cypherQueries: 0 }));

    const env = serverEnv(neo4j.uri);
    const ready = /biofm-graph ready/;
    const [ours, oursWarm, nPlusOne, peer, httpFloor] = await Promise.all([
      startServer('src/index.ts', { ...env, LOADER_BATCHING: 'true', RESPONSE_CACHE_MB: '0' }, ready),
      startServer('src/index.ts', { ...env, LOADER_BATCHING: 'true' }, ready),
      startServer('src/index.ts', { ...env, LOADER_BATCHING: 'false', RESPONSE_CACHE_MB: '0' }, ready),
      startServer('bench/src/peer-server.ts', env, /peer ready/),
      startServer('bench/src/http-floor-server.ts', env, /http floor ready/),
    ]);
    const urls: Urls = {
      ours: `${ours.url}/graphql`,
      'ours-warm': `${oursWarm.url}/graphql`,
      'n+1': `${nPlusOne.url}/graphql`,
      peer: `${peer.url}/graphql`,
      'http-floor': httpFloor.url,
    };
    console.log(
      `[${size}] systems ready: ours pid ${String(ours.pid)}, ours warm pid ${String(oursWarm.pid)}, n+1 pid ${String(nPlusOne.pid)}, ` +
        `peer pid ${String(peer.pid)}, http floor pid ${String(httpFloor.pid)}, neo4j pid ${String(neo4j.pid)}`,
    );

    const operations = OPERATIONS.filter((o) => !onlyOperations || onlyOperations.has(o.name));
    await warmUp(size, operations, ctx, db, urls);
    for (const op of operations) {
      report.operations.push(await benchOperation(size, op, ctx, db, urls));
    }

    if (soakSeconds > 0 && size === (sizes.includes('M') ? 'M' : sizes[0])) {
      const nested = OPERATIONS[0]!;
      const body = JSON.stringify({ query: nested.query, variables: nested.variables(ctx) });
      console.log(`[${size}] soak: ${nested.name} for ${String(soakSeconds)} s`);
      report.soak = { size, operation: nested.name, ...(await soak(`${ours.url}/graphql`, body, ours.pid, soakSeconds)) };
      console.log(`[${size}] soak: ${JSON.stringify(report.soak)}`);
    }
  } finally {
    await db.close();
    await children.stopAll();
  }
}

/** How one system is asked the operation's question, and how its answer becomes the comparable payload. */
interface Probe {
  body: string;
  url: string;
  payload(answer: Answer): unknown;
}

function probes(op: Operation, ctx: OperationContext, urls: Urls): Partial<Record<HttpSystem, Probe>> {
  const variables = op.variables(ctx);
  const oursBody = JSON.stringify({ query: op.query, variables });
  const graphqlPayload = (answer: Answer): unknown => op.fromOurs(answer.data ?? {});
  const result: Partial<Record<HttpSystem, Probe>> = {};
  if (urls.ours) result.ours = { url: urls.ours, body: oursBody, payload: graphqlPayload };
  if (urls['ours-warm']) result['ours-warm'] = { url: urls['ours-warm'], body: oursBody, payload: graphqlPayload };
  if (urls['n+1']) result['n+1'] = { url: urls['n+1'], body: oursBody, payload: graphqlPayload };
  // An operation the peer cannot answer is measured without it: no peer column, no ours ÷ peer ratio.
  const { peer } = op;
  const body = peerBody(op, ctx);
  if (urls.peer && peer && body !== null) {
    result.peer = { url: urls.peer, body, payload: (answer) => peer.fromPeer(answer.data ?? {}) };
  }
  if (urls['http-floor']) {
    // The HTTP floor answers with the payload itself.
    result['http-floor'] = { url: `${urls['http-floor']}/${op.name}`, body: JSON.stringify(op.floor.params(ctx)), payload: (answer) => answer };
  }
  return result;
}

/**
 * Every system answers every operation under load before any is measured: servers just started, and a Neo4j whose
 * JIT has not seen a query yet, would otherwise make whichever operation comes first read slow on all of them.
 */
async function warmUp(size: SizeName, operations: readonly Operation[], ctx: OperationContext, db: Database, urls: Urls): Promise<void> {
  if (warmupSeconds <= 0) return;
  console.log(`[${size}] warm-up: ${String(warmupSeconds)} s per system and operation`);
  // One answer first: a system too slow to load is warmed by that answer alone, as it is measured one at a time.
  const warm = async (answer: () => Promise<unknown>, load: () => Promise<unknown>): Promise<void> => {
    const started = performance.now();
    await answer();
    if (performance.now() - started <= SEQUENTIAL_ABOVE_MS) await load();
  };
  for (const op of operations) {
    for (const probe of Object.values(probes(op, ctx, urls))) {
      await warm(() => post(probe.url, probe.body), () => measureHttp(probe.url, probe.body, connections, warmupSeconds));
    }
    const params = op.floor.params(ctx);
    await warm(() => db.read(op.floor.cypher, params), () => measureFloor(db, op.floor.cypher, params, connections, warmupSeconds));
  }
}

async function benchOperation(size: SizeName, op: Operation, ctx: OperationContext, db: Database, urls: Urls): Promise<OperationResult> {
  const floorParams = op.floor.params(ctx);
  const floorStarted = performance.now();
  const floorHash = responseHash(op.floor.payload(await db.read(op.floor.cypher, floorParams)));
  const tooSlowForLoad = (ms: number): boolean => ms > SEQUENTIAL_ABOVE_MS;
  const allSequential = tooSlowForLoad(performance.now() - floorStarted);
  const result: OperationResult = {
    size,
    operation: op.name,
    sequential: [],
    roundTrips: { floor: 1, 'http-floor': 1 },
    sameData: {},
    rounds: [],
    alone: [],
    results: {},
    ratios: {},
    loadAverages: [],
  };

  // One measurement of a system in a round: a timed run under load, or one request on its own.
  const measurers: Partial<Record<System, (runSeconds: number) => Promise<Measurement>>> = {};
  // One request of each system, for measuring it alone.
  const requests: Partial<Record<System, () => Promise<boolean>>> = {};
  const sequentially = (request: () => Promise<boolean>) => () => measureSequential(request, 1);
  for (const [system, probe] of Object.entries(probes(op, ctx, urls)) as [HttpSystem, Probe][]) {
    requests[system] = async () => !(await post(probe.url, probe.body)).errors;
    const started = performance.now();
    const answer = await post(probe.url, probe.body);
    const answerMs = performance.now() - started;
    result.sameData[system] = !answer.errors && responseHash(probe.payload(answer)) === floorHash;
    if (answer.errors) console.log(`[${size}] ${system} ${op.name}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
    // The peer and the HTTP floor run one Cypher query per request by design; the warm server's first answer is
    // computed as the cold one's, the rest come from memory.
    if (system === 'ours' || system === 'n+1') result.roundTrips[system] = answer.extensions?.cypherQueries;
    else if (system !== 'ours-warm') result.roundTrips[system] = 1;
    const underLoad = (runSeconds: number): Promise<Measurement> => measureHttp(probe.url, probe.body, connections, runSeconds);
    // The warm-up (JIT, pools, Neo4j's query cache, so that no system pays for going first) also tells whether a
    // timed run would complete enough answers to mean anything.
    const loadable = !allSequential && !tooSlowForLoad(answerMs) && (await underLoad(1)).rps * seconds >= MIN_LOAD_ANSWERS;
    if (loadable) measurers[system] = underLoad;
    else {
      result.sequential.push(system);
      measurers[system] = sequentially(requests[system]);
    }
  }
  requests.floor = async () => (await db.read(op.floor.cypher, floorParams)).length > 0;
  if (allSequential) {
    result.sequential.push('floor');
    measurers.floor = sequentially(requests.floor);
  } else {
    const underLoad = (runSeconds: number): Promise<Measurement> => measureFloor(db, op.floor.cypher, floorParams, connections, runSeconds);
    await underLoad(1);
    measurers.floor = underLoad;
  }

  for (let round = 0; round < runs; round += 1) {
    result.loadAverages.push(loadavg()[0]!);
    const measured: Round = {};
    for (const system of roundOrder(round)) {
      const measure = measurers[system];
      if (measure) measured[system] = await measure(seconds);
    }
    result.rounds.push(measured);
    if (result.sequential.length > 0) {
      const alone: Round = {};
      for (const system of roundOrder(round)) {
        const request = requests[system];
        if (request && !result.sequential.includes(system)) {
          alone[system] = await measureSequential(request, ALONE_REQUESTS);
        }
      }
      result.alone.push(alone);
    }
  }
  result.results = combineRounds(result.rounds, result.sequential);
  result.ratios = roundRatios(result.rounds, result.sequential, result.alone);
  const r = result.results;
  const rps = (system: System): string => (r[system] ? r[system].rps.toFixed(0) : '–');
  const q = result.ratios;
  console.log(
    `[${size}] ${op.name.padEnd(20)} req/s ours ${rps('ours')} | n+1 ${rps('n+1')} | peer ${rps('peer')} | http floor ${rps('http-floor')} | floor ${rps('floor')}` +
      ` | ours/peer ${q['ours/peer']?.median.toFixed(2) ?? '–'} | p50 ours/http floor ${q['ours/http-floor']?.median.toFixed(2) ?? '–'}` +
      ` | warm req/s ${rps('ours-warm')} | load ${result.loadAverages.map((l) => l.toFixed(1)).join(' ')}` +
      ` | same data ${JSON.stringify(result.sameData)} | round trips ${JSON.stringify(result.roundTrips)}`,
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
  console.log(`\nwrote ${files.join(', ')}`);
}

children.stopOnSignals();
try {
  await main();
} catch (error) {
  // After a signal, requests to the servers being stopped fail: the signal's handler ends the process.
  if (!children.stopping) {
    console.error(error);
    await children.stopAll();
    process.exit(1);
  }
}
