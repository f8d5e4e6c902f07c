/** Absolute paths inside the project, the same whether running from src/ (tsx, vitest) or a compiled copy (node). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest directory above this file that holds package.json: src/paths.ts and dist/paths.js sit one level
 * below it, the benchmark's compiled copy (bench/dist/src/paths.js) three.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

const root = findRoot();

export function projectPath(...parts: string[]): string {
  return path.join(root, ...parts);
}
