/**
 * CPU per request, side by side: one or more builds of our server (each a checkout with its own dist/) and the
 * HTTP floor, over one Neo4j on a benchmark graph, measured in interleaved rounds whose order changes from round to
 * round (rounds.ts's balancedOrder: with two builds and the floor, 6 rounds put each system after each other one
 * equally often).
 * For each system and operation it prints the medians over rounds of the p50 latency and of the CPU milliseconds
 * per answer of the server's process and of Neo4j's (utime + stime from /proc/PID/stat, so Linux only). On a
 * machine shared with other work the latencies follow the load; the CPU per answer is what a change to the
 * server moves, and what the p50 follows once the machine is the server's alone.
 *
 *   node bench/dist/bench/src/cpu-per-request.js --data-dir /tmp/bench --size S \
 *     --builds base=/path/to/checkout-a,new=/path/to/checkout-b --operations first-page,search --seconds 5 --runs 5 --warmup 5
 *
 * A build written name=DIR:n+1 runs with LOADER_BATCHING=false; --peer adds the @neo4j/graphql peer (on the
 * operations it answers). The graph must have been built by `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j } from '../../src/db/local-neo4j.js';
import { projectPath } from '../../src/paths.js';
import { median, measureHttp } from './measure.js';
import { OPERATIONS, operationContext, peerBody } from './operations.js';
import { ChildProcesses } from './processes.js';
import { balancedOrder } from './rounds.js';
import { SERVER_NODE_FLAGS, serverEnv } from './server-env.js';

const { values: options } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: projectPath('.neo4j-local') },
    size: { type: 'string', default: 'S' },
    builds: { type: 'string', default: `ours=${projectPath()}` },
    operations: { type: 'string', default: 'first-page' },
    seconds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '5' },
    // Each system's warm-up per operation: a Neo4j just started needs seconds of load before its JIT settles.
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    peer: { type: 'boolean', default: false },
  },
});

/** CPU time (user + system) a process has used so far, in milliseconds. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface System {
  name: string;
  pid: number;
  /** Where an operation is asked, and with what body; null when the system does not answer it. */
  probe(operation: (typeof OPERATIONS)[number]): { url: string; body: string } | null;
}

interface Sample {
  p50: number;
  serverMs: number;
  neo4jMs: number;
}

const children = new ChildProcesses();
children.stopOnSignals();
try {
  const neo4j = await children.track(
    startLocalNeo4j({ dataDir: path.join(options['data-dir'], `bench-${options.size}`), boltPort: await freePort(), heap: '2g', classArchiveDir: false }),
  );
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: 60_000, acquisitionTimeoutMs: 5000, maxPoolSize: 8 });
  const ctx = await operationContext(db.reader({ cypherQueries: 0 }));
  await db.close();
  // Cold, as the benchmark's `ours`: no response cache.
  const env = { ...serverEnv(neo4j.uri), RESPONSE_CACHE_MB: '0' };
  const start = async (name: string, script: string, extra: Record<string, string>, ready: RegExp) => {
    const port = await freePort();
    const child = await children.start(process.execPath, [...SERVER_NODE_FLAGS, script], { ...env, ...extra, PORT: String(port) }, ready);
    return { name, pid: child.pid!, url: `http://127.0.0.1:${String(port)}` };
  };
  const systems: System[] = [];
  for (const build of options.builds.split(',')) {
    const [name = '', spec = ''] = build.split('=');
    const [dir = '', mode] = spec.split(':');
    const server = await start(name, path.join(dir, 'dist/index.js'), { LOADER_BATCHING: String(mode !== 'n+1') }, /biofm-graph ready/);
    systems.push({ ...server, probe: (op) => ({ url: `${server.url}/graphql`, body: JSON.stringify({ query: op.query, variables: op.variables(ctx) }) }) });
  }
  const floor = await start('http floor', projectPath('bench/dist/bench/src/http-floor-server.js'), {}, /http floor ready/);
  systems.push({ ...floor, probe: (op) => ({ url: `${floor.url}/${op.name}`, body: JSON.stringify(op.floor.params(ctx)) }) });
  if (options.peer) {
    const peer = await start('peer', projectPath('bench/dist/bench/src/peer-server.js'), {}, /peer ready/);
    systems.push({
      ...peer,
      probe: (op) => {
        const body = peerBody(op, ctx);
        return body === null ? null : { url: `${peer.url}/graphql`, body };
      },
    });
  }

  const seconds = Number(options.seconds);
  const connections = Number(options.connections);
  for (const name of options.operations.split(',')) {
    const op = OPERATIONS.find((candidate) => candidate.name === name);
    if (!op) throw new Error(`no operation ${name}`);
    // The systems that answer this operation, each with its request.
    const answering = systems.flatMap((system) => {
      const request = system.probe(op);
      return request ? [{ system, request }] : [];
    });
    for (const { request } of answering) await measureHttp(request.url, request.body, connections, Number(options.warmup));
    const samples = new Map<string, Sample[]>(answering.map(({ system }) => [system.name, []]));
    for (let round = 0; round < Number(options.runs); round += 1) {
      for (const { system, request } of balancedOrder(answering, round)) {
        const [server, database, started] = [cpuMs(system.pid), cpuMs(neo4j.pid), performance.now()];
        const measured = await measureHttp(request.url, request.body, connections, seconds);
        const answers = (measured.rps * (performance.now() - started)) / 1000;
        samples.get(system.name)!.push({
          p50: measured.p50,
          serverMs: (cpuMs(system.pid) - server) / answers,
          neo4jMs: (cpuMs(neo4j.pid) - database) / answers,
        });
      }
    }
    for (const { system } of answering) {
      const taken = samples.get(system.name)!;
      const of = (figure: keyof Sample): string => median(taken.map((sample) => sample[figure])).toFixed(3);
      console.log(`${op.name} ${system.name}: p50 ${of('p50')} ms, server CPU ${of('serverMs')} ms/answer, Neo4j CPU ${of('neo4jMs')} ms/answer`);
    }
  }
} finally {
  await children.stopAll();
}
