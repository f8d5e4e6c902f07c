/** Process checks shared by the tests that start and stop Neo4j or the server. */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Whether a process with this pid exists (signal 0 only checks). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The local Neo4j launchers started by process `parent`. */
export function launcherPids(parent: number): number[] {
  const result = spawnSync('pgrep', ['-P', String(parent), '-f', 'Launcher --data-dir'], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

/** Resolves with the first line of the child's stdout that matches `pattern`; rejects on exit or after `timeoutMs`. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${String(pattern)} within ${String(timeoutMs)} ms`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (pattern.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`the process exited with ${String(code)} before ${String(pattern)}`)));
  });
}

/** Sends SIGTERM and waits for the exit; a process still running after `timeoutMs` gets SIGKILL. */
export async function stopProcess(child: ChildProcess, timeoutMs: number): Promise<void> {
  // No pid: it never started (spawn failed), so there is nothing to stop.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const stopped = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.kill('SIGTERM');
  });
  if (!stopped) {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}
