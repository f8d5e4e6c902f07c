/** Reads and writes the facts of seed/facts/: one pretty-printed JSON file per kind, entities sorted by id. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.js';
import { FACT_KINDS, type Facts } from './types.js';

export const FACTS_DIR = projectPath('seed', 'facts');

export function readFacts(dir = FACTS_DIR): Facts {
  const read = (kind: string): unknown => JSON.parse(readFileSync(path.join(dir, `${kind}.json`), 'utf8'));
  return Object.fromEntries(FACT_KINDS.map((kind) => [kind, read(kind)])) as unknown as Facts;
}

/** One entity per block and a stable order, so a change to one model is a small, reviewable diff. */
export function writeFacts(facts: Facts, dir = FACTS_DIR): void {
  mkdirSync(dir, { recursive: true });
  for (const kind of FACT_KINDS) {
    const sorted = [...facts[kind]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    writeFileSync(path.join(dir, `${kind}.json`), `${JSON.stringify(sorted, null, 2)}\n`);
  }
}
