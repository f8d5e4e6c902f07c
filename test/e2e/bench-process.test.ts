import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { isRunning, waitForLine } from '../processes.js';

/** Generous: the runner starts a Neo4j, generates the S graph and starts four servers on a busy 2-core machine. */
const SYSTEMS_READY_WITHIN_MS = 360_000;

/** Every process below `root`, by pid, with its command line. */
function descendants(root: number): { pid: number; command: string }[] {
  const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout;
  const rows = table.split('\n').filter(Boolean).map((line) => {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), command: args.join(' ') };
  });
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number): void => {
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push({ pid: row.pid, command: row.command });
      visit(row.pid);
    }
  };
  visit(root);
  return found;
}

describe('the benchmark runner', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops every server and its Neo4j when it gets SIGINT mid-run', async () => {
    const runner = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/src/run.ts', '--sizes', 'S', '--data-dir', dataDir, '--operations', 'first-page', '--seconds', '600', '--runs', '1', '--soak', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => runner.once('exit', (code) => resolve(code)));
    onTestFinished(() => {
      if (runner.exitCode === null) runner.kill('SIGKILL');
    });
    await waitForLine(runner, /systems ready/, SYSTEMS_READY_WITHIN_MS);
    // ours cold and warm, N+1, the peer and the HTTP floor (node), and Neo4j (java). tsx's esbuild helpers are left out: each
    // exits by itself once the process that loaded tsx is gone and its pipe closes.
    const started = descendants(runner.pid!).filter((p) => p.command.startsWith(process.execPath) || p.command.startsWith('java'));
    expect(started.filter((p) => p.command.startsWith(process.execPath))).toHaveLength(5);
    expect(started.filter((p) => p.command.startsWith('java'))).toHaveLength(1);

    // To the runner alone, as npm or a supervisor passes a signal on: its servers do not get it themselves.
    runner.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(started.filter((p) => isRunning(p.pid))).toEqual([]);
  }, SYSTEMS_READY_WITHIN_MS + 60_000);
});
