/** Process checks shared by the tests that start and stop Neo4j or the server. */

/** Whether a process with this pid exists (signal 0 only checks). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
