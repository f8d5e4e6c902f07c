// @ts-check
/**
 * Builds what changed since the last build: the server (tsc, src/ -> dist/) and the pages (Vite, src/ui/ ->
 * dist/ui/). Each target is skipped when the hash of its inputs equals the one recorded in dist/.build-stamp.json
 * after its last successful build and its output is still there, so `npm start` with nothing changed compiles
 * nothing, and a changed source (a pull, an edit, a new lockfile) rebuilds exactly the target it feeds.
 *
 * Usage: node scripts/build.mjs [server|ui ...] [--force]   (no target = both; --force ignores the stamp)
 *
 * Plain JavaScript (checked by `npm run typecheck`) because it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = path.join(ROOT, 'dist', '.build-stamp.json');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/**
 * @typedef {object} Target
 * @property {string[]} inputs files and folders (relative to the project) whose content decides the output
 * @property {string[]} exclude folders inside `inputs` that belong to another target
 * @property {string} output a file the build writes; when it is missing the target is rebuilt
 * @property {string[]} command the build, a program of node_modules/.bin and its arguments
 */

// The lockfile is an input of both: a dependency update can change what tsc accepts and what Vite bundles.
const SHARED_INPUTS = ['package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

/** @type {Record<string, Target>} */
const TARGETS = {
  server: {
    inputs: [...SHARED_INPUTS, 'src'],
    exclude: ['src/ui'],
    output: 'dist/index.js',
    command: ['tsc', '-p', 'tsconfig.json'],
  },
  ui: {
    inputs: [...SHARED_INPUTS, 'src/ui'],
    exclude: ['src/ui/screenshots'],
    output: 'dist/ui/playground/index.html',
    command: ['vite', 'build', '--config', 'src/ui/vite.config.ts'],
  },
};

/**
 * Every file under the given paths, relative to the project and sorted; missing paths are skipped.
 * @param {string[]} inputs
 * @param {string[]} exclude
 * @returns {string[]}
 */
function filesOf(inputs, exclude) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} relative */
  const visit = (relative) => {
    const absolute = path.join(ROOT, relative);
    if (exclude.includes(relative) || !existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute)) visit(path.posix.join(relative, name));
    } else {
      files.push(relative);
    }
  };
  inputs.forEach(visit);
  return files.sort();
}

/**
 * sha256 over each input file's path and content.
 * @param {Target} target
 */
function hashOf(target) {
  const hash = createHash('sha256');
  for (const file of filesOf(target.inputs, target.exclude)) {
    hash.update(file).update('\0').update(readFileSync(path.join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

/** @returns {Record<string, string>} */
function readStamp() {
  try {
    return /** @type {Record<string, string>} */ (JSON.parse(readFileSync(STAMP, 'utf8')));
  } catch {
    return {};
  }
}

function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const named = args.filter((arg) => arg !== '--force');
  for (const name of named) {
    if (!(name in TARGETS)) {
      console.error(`build: unknown target "${name}"; expected ${Object.keys(TARGETS).join(' or ')}`);
      process.exit(2);
    }
  }
  const stamp = readStamp();
  for (const name of named.length > 0 ? named : Object.keys(TARGETS)) {
    const target = /** @type {Target} */ (TARGETS[name]);
    const hash = hashOf(target);
    if (!force && stamp[name] === hash && existsSync(path.join(ROOT, target.output))) continue;
    const [program, ...programArgs] = target.command;
    const run = spawnSync(path.join(BIN, /** @type {string} */ (program)), programArgs, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`build: ${name} failed (${target.command.join(' ')} exited with ${String(run.status ?? run.signal)})`);
      process.exit(1);
    }
    stamp[name] = hash;
    mkdirSync(path.dirname(STAMP), { recursive: true });
    writeFileSync(STAMP, `${JSON.stringify(stamp, null, 2)}\n`);
  }
}

main();
