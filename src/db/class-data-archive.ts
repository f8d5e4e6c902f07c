/**
 * A class-data-sharing archive (the JDK's CDS) of the classes the local Neo4j loads. Started with it, the JVM maps
 * some 15,000 classes of 213 jars, already parsed and verified, instead of loading each one. Measured side by side
 * at load average 10 (a launcher on a seeded store, to its first answered query): 29-38 s with the archive,
 * 53-58 s without.
 *
 * Writing an archive costs about 35 s of CPU, too much to spend before a start is ready. So a start that finds
 * none records the classes its JVM loads (-XX:DumpLoadedClassList, cheap), and once the server is ready a
 * low-priority `java -Xshare:dump` writes the archive from that list in the background; the next start uses it.
 * The archive is named by a hash of everything it depends on (the JDK, the jars, the JVM flags), so a new JDK or
 * new jars simply leave it unused until the next one is written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';

export interface ClassDataArchiveOptions {
  /** Where archives and class lists are kept (in the git-ignored cache). */
  dir: string;
  /** The launcher's class path, in the order the JVM is given it (the archive is only valid for that one). */
  classPath: string;
  /** The JVM flags of every launch that the archive must agree with (heap, garbage collector). */
  jvmFlags: string[];
  /** What identifies the JDK, e.g. the output of `java -version`. */
  jdk: string;
  /**
   * The nice value of the JVMs that write the archive: 19 (the default) so that serving never waits for them; on a
   * machine busy with other work they then wait for idle CPU, however long that takes.
   */
  niceness?: number;
}

export interface ClassDataArchive {
  /** The archive's path; the file exists once it has been built. */
  readonly path: string;
  /** JVM flags for the next launch: map the archive when there is one, else record the classes loaded. */
  launchFlags(): string[];
  /**
   * Writes the archive from the classes recorded by a launch, at the lowest CPU priority; resolves to false when
   * there is nothing to do (an archive exists, no launch recorded classes, or cancel() was called), rejects with
   * the JVM's words when it fails. The archive appears only once a JVM has mapped it successfully, so a
   * half-written or unusable one is never used.
   */
  build(): Promise<boolean>;
  /** Stops a build under way; what it wrote so far is removed. */
  cancel(): void;
}

// The JDK refuses a class list with a line longer than this, and a `@lambda-proxy` line can be longer. Such
// lines (and every other `@` directive) only add lambda shapes; the classes themselves are what saves the time.
const MAX_LINE = 4096;

/** The plain class names of a class list recorded by a running JVM; its last line may still be half written. */
export function classNames(recorded: string): string[] {
  const complete = recorded.slice(0, recorded.lastIndexOf('\n') + 1);
  return complete.split('\n').filter((line) => line !== '' && !line.startsWith('@') && !line.includes(' ') && line.length < MAX_LINE);
}

/** Resolves once the process has exited; rejects with its last words when it failed. */
function succeeded(child: ChildProcess, what: string): Promise<void> {
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (${signal ?? `exit ${String(code)}`}): ${output.trim()}`));
    });
  });
}

/** Whether a process of this id is running (signal 0 only checks; EPERM means it runs as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the class lists recorded for processes that have exited. A list waits for its own process to build the
 * archive; the tests and the benchmark start Neo4j without ever building one, and a process may be killed before
 * it builds, so without this every such start would leave a list of 1-2 MB behind.
 */
export function removeOrphanedClassLists(dir: string): void {
  for (const file of readdirSync(dir)) {
    const owner = /^neo4j-[0-9a-f]+-(\d+)\.classes$/.exec(file)?.[1];
    if (owner !== undefined && !isAlive(Number(owner))) rmSync(path.join(dir, file), { force: true });
  }
}

export function classDataArchive(options: ClassDataArchiveOptions): ClassDataArchive {
  const key = createHash('sha256').update([options.jdk, options.classPath, ...options.jvmFlags].join('\n')).digest('hex').slice(0, 16);
  const archive = path.join(options.dir, `neo4j-${key}.jsa`);
  const classList = path.join(options.dir, `neo4j-${key}-${String(process.pid)}.classes`);
  const running = new Set<ChildProcess>();
  let cancelled = false;

  const java = async (what: string, args: string[]): Promise<void> => {
    const child = spawn('java', [...options.jvmFlags, '-cp', options.classPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    if (child.pid !== undefined) setPriority(child.pid, options.niceness ?? 19);
    try {
      await succeeded(child, what);
    } finally {
      running.delete(child);
    }
  };

  return {
    path: archive,
    launchFlags() {
      if (existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`];
      mkdirSync(options.dir, { recursive: true });
      removeOrphanedClassLists(options.dir);
      return [`-XX:DumpLoadedClassList=${classList}`];
    },
    async build() {
      if (cancelled || existsSync(archive) || !existsSync(classList)) return false;
      const work = `${archive}.${String(process.pid)}`;
      const list = `${work}.classes`;
      try {
        writeFileSync(list, classNames(readFileSync(classList, 'utf8')).join('\n') + '\n');
        await java('writing the class-data archive', ['-Xshare:dump', `-XX:SharedClassListFile=${list}`, `-XX:SharedArchiveFile=${work}`]);
        // -Xshare:on makes a JVM that cannot map the archive fail instead of quietly running without it.
        await java('mapping the class-data archive', ['-Xshare:on', `-XX:SharedArchiveFile=${work}`, '-version']);
        renameSync(work, archive);
      } catch (error) {
        if (cancelled) return false;
        throw error;
      } finally {
        rmSync(work, { force: true });
        rmSync(list, { force: true });
      }
      // Class lists, and archives of other JDKs or jars, are never used again; builds still under way are left be.
      const keep = (file: string): boolean => file === path.basename(archive) || file.startsWith(`${path.basename(archive)}.`);
      for (const old of readdirSync(options.dir).filter((file) => !keep(file))) rmSync(path.join(options.dir, old), { force: true });
      return true;
    },
    cancel() {
      cancelled = true;
      for (const child of running) child.kill('SIGKILL');
    },
  };
}
