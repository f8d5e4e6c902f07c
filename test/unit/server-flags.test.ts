import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../bench/src/server-env.js';
import { projectPath } from '../../src/paths.js';

/** The Node arguments between `node` and the server's script in a command line. */
function nodeFlags(command: readonly string[]): string[] {
  const script = command.indexOf('dist/index.js');
  expect(command[0]).toBe('node');
  expect(script).toBeGreaterThan(0);
  return command.slice(1, script);
}

describe('the Node flags the server runs with', () => {
  it('are the same for npm start, the Docker image and every server the benchmark measures', () => {
    const start = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const server = start.split('&&').map((part) => part.trim()).find((part) => part.includes('dist/index.js')) ?? '';
    // exec: the server replaces npm's shell, so a SIGTERM to npm reaches it.
    const [exec, ...command] = server.split(/\s+/);
    expect(exec).toBe('exec');
    expect(nodeFlags(command)).toEqual(SERVER_NODE_FLAGS);

    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(projectPath('deploy/Dockerfile'), 'utf8'))?.[1] ?? '[]';
    expect(nodeFlags(JSON.parse(cmd) as string[])).toEqual(SERVER_NODE_FLAGS);
  });
});
