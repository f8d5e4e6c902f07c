/** Absolute paths inside the project, the same whether running from src/ (tsx, vitest) or dist/ (node). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// src/paths.ts and dist/paths.js both sit one level below the project root.
const root = fileURLToPath(new URL('..', import.meta.url));

export function projectPath(...parts: string[]): string {
  return path.join(root, ...parts);
}
