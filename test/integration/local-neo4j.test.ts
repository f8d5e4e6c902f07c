import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j } from '../../src/db/local-neo4j.js';
import { isRunning } from '../processes.js';
import { BUDGET } from '../time.js';

const start = (dataDir: string, boltPort: number): ReturnType<typeof startLocalNeo4j> =>
  startLocalNeo4j({ dataDir, boltPort, startTimeoutMs: BUDGET.neo4jStart, compiler: 'quick' });

/** The command line a process was started with, its arguments joined by spaces. */
const commandLine = (pid: number): string => readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').split('\0').join(' ');

describe('local Neo4j launcher', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'launcher-test-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts Neo4j with Bolt on 127.0.0.1, keeps data across a clean stop, and leaves no process', async () => {
    const port = await freePort();
    const first = await start(dataDir, port);
    expect(first.uri).toBe(`bolt://127.0.0.1:${String(port)}`);
    // compiler: 'quick' runs the JVM with C1 only.
    expect(commandLine(first.pid)).toContain('-XX:TieredStopAtLevel=1');
    const options = { user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: BUDGET.transaction, acquisitionTimeoutMs: BUDGET.connection, maxPoolSize: 2 };
    let db = new Database({ ...options, uri: first.uri });
    await db.write("CREATE (:Probe {name: 'kept'})");
    await db.close();
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);

    const second = await start(dataDir, port);
    db = new Database({ ...options, uri: second.uri });
    expect(await db.read('MATCH (p:Probe) RETURN p.name AS name')).toEqual([{ name: 'kept' }]);
    await db.close();
    await second.stop();
    expect(isRunning(second.pid)).toBe(false);
  }, 2 * BUDGET.neo4jStart + BUDGET.test);

  it('fails with a readable message when the Bolt port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(start(path.join(dataDir, 'taken'), port)).rejects.toThrow(
        `Bolt port ${String(port)} on 127.0.0.1 is already in use`,
      );
    } finally {
      blocker.close();
    }
  }, BUDGET.neo4jStart);

  it('stops Neo4j by itself when its parent process dies', async () => {
    const port = await freePort();
    const script = `
      import { startLocalNeo4j } from './src/db/local-neo4j.ts';
      const n = await startLocalNeo4j({ dataDir: ${JSON.stringify(path.join(dataDir, 'orphan'))}, boltPort: ${String(port)}, startTimeoutMs: ${String(BUDGET.neo4jStart)} });
      console.log(n.pid);
      process.kill(process.pid, 'SIGKILL');`;
    let output = '';
    try {
      execFileSync('node', ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: BUDGET.shortProcess + BUDGET.neo4jStart });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    const pid = Number(output.trim().split('\n').pop());
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => isRunning(pid)).toBe(false);
  }, BUDGET.shortProcess + BUDGET.neo4jStart + BUDGET.poll);

  it('explains what to install when Java is missing', () => {
    // A PATH with node and nothing else.
    const bin = mkdtempSync(path.join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const script = `
      import { startLocalNeo4j } from './src/db/local-neo4j.ts';
      try { await startLocalNeo4j({ dataDir: ${JSON.stringify(path.join(dataDir, 'no-java'))}, boltPort: 1 }); }
      catch (error) { console.log(error.name + ': ' + error.message); }`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
      timeout: BUDGET.shortProcess,
    });
    expect(output).toContain('LocalNeo4jError: Java 17+ is needed to run the local Neo4j, but `java` was not found on PATH');
    expect(output).toContain('NEO4J_URI');
    rmSync(bin, { recursive: true, force: true });
  }, BUDGET.shortProcess);
});

describe('the class-data archive of the local Neo4j', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'archive-test-'));
  const archiveDir = path.join(dataDir, 'cds');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const startWithArchive = async (): ReturnType<typeof startLocalNeo4j> =>
    startLocalNeo4j({
      dataDir: path.join(dataDir, 'store'),
      boltPort: await freePort(),
      startTimeoutMs: BUDGET.neo4jStart,
      classArchiveDir: archiveDir,
      // At the default nice value of 19 the build waits for idle CPU, which a busy machine may never have.
      classArchiveNiceness: 0,
    });
  const answers = async (uri: string): Promise<unknown> => {
    const db = new Database({ uri, user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: BUDGET.transaction, acquisitionTimeoutMs: BUDGET.connection, maxPoolSize: 1 });
    try {
      return await db.read('RETURN 1 AS one');
    } finally {
      await db.close();
    }
  };

  it('is written from the classes one start loaded, and the next start maps it', async () => {
    const first = await startWithArchive();
    try {
      expect(await answers(first.uri)).toEqual([{ one: 1 }]);
      expect(readdirSync(archiveDir).filter((file) => file.endsWith('.classes'))).toHaveLength(1);
      expect(await first.buildClassArchive()).toBe(true);
      expect(await first.buildClassArchive()).toBe(false);
    } finally {
      await first.stop();
    }
    // Only the archive is left: the class list and the work files are gone.
    const [archive, ...others] = readdirSync(archiveDir);
    expect(others).toEqual([]);
    expect(archive).toMatch(/^neo4j-[0-9a-f]{16}\.jsa$/);

    const second = await startWithArchive();
    try {
      // The JVM maps the archive into memory when it uses it, so it is among the process's mappings.
      expect(readFileSync(`/proc/${String(second.pid)}/maps`, 'utf8')).toContain(path.join(archiveDir, archive!));
      // The default compiler is the JVM's own, C1 then C2.
      expect(commandLine(second.pid)).not.toContain('TieredStopAtLevel');
      expect(await answers(second.uri)).toEqual([{ one: 1 }]);
      expect(readdirSync(archiveDir)).toEqual([archive]);
    } finally {
      await second.stop();
    }
  }, 2 * BUDGET.neo4jStart + 2 * BUDGET.shortProcess + BUDGET.test);
});
