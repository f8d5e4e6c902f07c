/**
 * Life cycle of the local Neo4j used when no NEO4J_URI is given: fetch its jars once with Maven, spawn the
 * launcher (neo4j-local/Launcher.java), wait until Bolt answers, restart it when it dies (if supervised), and
 * stop it cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import neo4j from 'neo4j-driver';
import type { Logger } from '../logger.js';
import { projectPath } from '../paths.js';
import { classDataArchive, type ClassDataArchive } from './class-data-archive.js';

export interface LocalNeo4jOptions {
  dataDir: string;
  boltPort: number;
  /** Maximum Java heap, as for -Xmx (e.g. "1g"). */
  heap?: string;
  /** How long start-up may take before it is abandoned. */
  startTimeoutMs?: number;
  /**
   * Where the JVM's class-data archive is kept (see class-data-archive.ts), or false for none; by default in the
   * git-ignored cache, shared by every data directory.
   */
  classArchiveDir?: string | false;
  /** The nice value of the archive's background build (see ClassDataArchiveOptions.niceness); 19 by default. */
  classArchiveNiceness?: number;
  /**
   * The JIT compilers: `optimizing` (the JVM's default: C1, then C2 for hot code) for the fastest queries once
   * warm, or `quick` (C1 only) for the fastest start on a busy machine, at the price of slower queries after it
   * (about half Neo4j's CPU per nested list with `optimizing`, see README "Configuration").
   */
  compiler?: LocalNeo4jCompiler;
  /**
   * Restart Neo4j when it dies other than by stop(): up to `restarts` tries, the first after `backoffMs`, each
   * further one after twice the previous wait; every death, try and outcome is logged.
   */
  supervise?: { restarts: number; backoffMs: number; logger: Logger };
}

export type LocalNeo4jCompiler = 'optimizing' | 'quick';

/** `restarting` after a death until a restart succeeds; `failed` once every try did (the process should go). */
export type LocalNeo4jStatus = 'running' | 'restarting' | 'failed' | 'stopped';

export interface LocalNeo4j {
  uri: string;
  /** The process id of the Neo4j running now (it changes with each restart). */
  readonly pid: number;
  status(): LocalNeo4jStatus;
  /**
   * Writes the class-data archive the next start will use, at low priority; resolves to false when there is
   * nothing to write (there is one already, or archives are off). stop() cancels a build under way.
   */
  buildClassArchive(): Promise<boolean>;
  /** Stops Neo4j (SIGTERM, then SIGKILL after a grace period) and resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Start-up of the local Neo4j failed; the message says why in words a user can act on. */
export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

const LAUNCHER_DIR = projectPath('neo4j-local');
const CACHE_DIR = projectPath('.neo4j-local');
const LIB_DIR = path.join(CACHE_DIR, 'lib');
const LAUNCHER_JAR_DIR = path.join(CACHE_DIR, 'launcher');
const READY_PREFIX = 'neo4j-local ready';
const STOP_GRACE_MS = 30_000;

/** Checks that Java 17+ is there; returns what `java -version` says, which identifies the JDK. */
function checkJava(): string {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new LocalNeo4jError(
      'Java 17+ is needed to run the local Neo4j, but `java` was not found on PATH. Install a JDK 17+ ' +
        '(e.g. apt-get install openjdk-17-jdk-headless) or point the server at a running Neo4j with NEO4J_URI.',
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version !== undefined && Number(version) < 17) {
    throw new LocalNeo4jError(`Java 17+ is needed to run the local Neo4j, found Java ${version}.`);
  }
  return probe.stderr;
}

/**
 * Makes sure the Neo4j jars are in the git-ignored cache, running Maven only when the pom changed since the
 * last copy; after that, starting needs no network.
 */
export function ensureNeo4jJars(): string {
  const pom = path.join(LAUNCHER_DIR, 'pom.xml');
  const stamp = path.join(LIB_DIR, '.pom-sha256');
  const pomHash = createHash('sha256').update(readFileSync(pom)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash) return LIB_DIR;

  const maven = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (maven.error) {
    throw new LocalNeo4jError(
      'Maven is needed once to fetch the local Neo4j jars, but `mvn` was not found on PATH. Install it ' +
        '(e.g. apt-get install maven) or point the server at a running Neo4j with NEO4J_URI.',
    );
  }
  rmSync(LIB_DIR, { recursive: true, force: true });
  mkdirSync(LIB_DIR, { recursive: true });
  console.log('neo4j-local: fetching the Neo4j jars with Maven (once)...');
  const copy = spawnSync(
    'mvn',
    ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${LIB_DIR}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (copy.status !== 0) {
    throw new LocalNeo4jError(
      `Maven could not fetch the Neo4j jars (exit ${String(copy.status)}):\n${copy.stdout}${copy.stderr}`,
    );
  }
  writeFileSync(stamp, pomHash);
  return LIB_DIR;
}

/** Runs a JDK tool and throws LocalNeo4jError with its output when it fails. */
function runJdkTool(tool: string, args: string[]): void {
  const run = spawnSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error || run.status !== 0) {
    throw new LocalNeo4jError(
      `\`${tool}\` could not build the Neo4j launcher (a JDK 17+ is needed, not only a JRE): ` +
        `${run.error?.message ?? `exit ${String(run.status)}`}\n${run.stdout ?? ''}${run.stderr ?? ''}`,
    );
  }
}

/**
 * Makes sure the launcher is compiled into a jar in the git-ignored cache, compiling it again only when its
 * source changed. Run as a source file, the JVM would compile it with javac on every start: seconds of CPU
 * before Neo4j even begins, more on a busy machine. Concurrent starts each build in a directory of their own and
 * rename the jar into place, so none reads a half-written one.
 */
export function ensureLauncherJar(lib: string): string {
  const source = path.join(LAUNCHER_DIR, 'Launcher.java');
  const name = `launcher-${createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16)}.jar`;
  const jar = path.join(LAUNCHER_JAR_DIR, name);
  if (existsSync(jar)) return jar;
  mkdirSync(LAUNCHER_JAR_DIR, { recursive: true });
  const work = mkdtempSync(path.join(CACHE_DIR, 'launcher-build-'));
  try {
    runJdkTool('javac', ['-d', path.join(work, 'classes'), '-cp', `${lib}${path.sep}*`, source]);
    runJdkTool('jar', ['--create', '--file', path.join(work, name), '-C', path.join(work, 'classes'), '.']);
    renameSync(path.join(work, name), jar);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Jars of earlier sources are never used again (a process running one keeps its open file).
  for (const old of readdirSync(LAUNCHER_JAR_DIR).filter((file) => file !== name)) {
    rmSync(path.join(LAUNCHER_JAR_DIR, old), { force: true });
  }
  return jar;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForBolt(uri: string, deadline: number): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (error) {
        if (Date.now() >= deadline) {
          throw new LocalNeo4jError(`Neo4j printed ready but Bolt at ${uri} did not answer: ${String(error)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await driver.close();
  }
}

/** One launcher process, started and ready. */
interface Launched {
  pid: number;
  /** Resolves with the exit code (null for a signal) and the launcher's last words, once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string[] }>;
  stop(): Promise<void>;
}

/** The JVM flags of every launch (a class-data archive is only valid for the flags it was written with). */
function jvmFlags(options: LocalNeo4jOptions): string[] {
  return [
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+UseG1GC',
    // C1 only: Neo4j's start and first queries run mostly cold code, and on 2 busy cores the C2 compiler's
    // threads took the CPU from them. Measured side by side at load 20: start 46-60 s instead of 90-100 s,
    // schema + seed 64-84 s instead of 111-146 s. Under load, though, C2's code needs half the CPU for nested
    // lists (Neo4j's CPU per request, interleaved on the bench's S graph): what the tests start is quick, what
    // serves is optimizing.
    ...(options.compiler === 'quick' ? ['-XX:TieredStopAtLevel=1'] : []),
  ];
}

async function launch(options: LocalNeo4jOptions, classPath: string, uri: string, archive: ClassDataArchive | null): Promise<Launched> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      ...jvmFlags(options),
      ...(archive?.launchFlags() ?? []),
      '-cp',
      classPath,
      'Launcher',
      '--data-dir',
      options.dataDir,
      '--bolt-port',
      String(options.boltPort),
      '--exit-on-stdin-close',
    ],
    // Our end of stdin stays open for the child's whole life; if this process dies, the launcher sees the pipe
    // close and shuts Neo4j down. Its own process group keeps a terminal's Ctrl-C from reaching it directly:
    // we stop it ourselves, after the server has drained its requests.
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = waitForExit(child).then((code) => ({ code, signal: child.signalCode, stderr }));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const killOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) resolve();
    });
    void exited.then(({ code }) => {
      const reason = stderr.filter((l) => l.startsWith('neo4j-local:')).join('\n') || stderr.slice(-10).join('\n');
      reject(new LocalNeo4jError(`the local Neo4j exited (code ${String(code)}) before it was ready: ${reason}`));
    });
    setTimeout(
      () => reject(new LocalNeo4jError(`the local Neo4j was not ready within ${String(options.startTimeoutMs ?? 120_000)} ms`)),
      Math.max(0, deadline - Date.now()),
    ).unref();
  });
  try {
    await ready;
    await waitForBolt(uri, deadline);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid ?? -1, exited, stop };
}

/**
 * Starts Neo4j on 127.0.0.1:`boltPort` with its store in `dataDir`; resolves once Bolt answers. When supervised,
 * a Neo4j that dies is restarted (its store recovers on start); meanwhile queries fail with SERVICE_UNAVAILABLE
 * and the driver reconnects by itself once it is back.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const jdk = checkJava();
  const lib = ensureNeo4jJars();
  const classPath = [ensureLauncherJar(lib), `${lib}${path.sep}*`].join(path.delimiter);
  const uri = `bolt://127.0.0.1:${String(options.boltPort)}`;
  const archiveDir = options.classArchiveDir ?? path.join(CACHE_DIR, 'cds');
  const archive = archiveDir === false ? null : classDataArchive({ dir: archiveDir, classPath, jvmFlags: jvmFlags(options), jdk, niceness: options.classArchiveNiceness });
  let current = await launch(options, classPath, uri, archive);
  let status: LocalNeo4jStatus = 'running';
  const stopped = (): boolean => status === 'stopped';
  let wakeUp: (() => void) | undefined;
  // The supervision of the current process: it ends when that process is stopped or has been replaced.
  let supervision: Promise<void> = Promise.resolve();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const supervise = ({ restarts, backoffMs, logger }: NonNullable<LocalNeo4jOptions['supervise']>): void => {
    supervision = current.exited.then(async ({ code, signal, stderr }) => {
      if (stopped()) return;
      status = 'restarting';
      logger.error({ pid: current.pid, code, signal, stderr: stderr.slice(-5) }, 'the local Neo4j died; restarting it');
      for (let attempt = 1; attempt <= restarts; attempt += 1) {
        await sleep(backoffMs * 2 ** (attempt - 1));
        if (stopped()) return;
        try {
          current = await launch(options, classPath, uri, archive);
        } catch (error) {
          logger.warn({ attempt, of: restarts, err: error }, 'the local Neo4j did not restart');
          continue;
        }
        if (stopped()) {
          await current.stop();
          return;
        }
        status = 'running';
        logger.info({ attempt, pid: current.pid }, 'the local Neo4j is back');
        supervise({ restarts, backoffMs, logger });
        return;
      }
      status = 'failed';
      logger.fatal({ restarts }, 'the local Neo4j could not be restarted; /health now fails');
    });
  };
  if (options.supervise) supervise(options.supervise);

  return {
    uri,
    get pid() {
      return current.pid;
    },
    status: () => status,
    buildClassArchive: () => archive?.build() ?? Promise.resolve(false),
    stop: async () => {
      status = 'stopped';
      archive?.cancel();
      wakeUp?.();
      await current.stop();
      // A restart under way finishes, sees the stop, and stops what it started.
      await supervision;
    },
  };
}
