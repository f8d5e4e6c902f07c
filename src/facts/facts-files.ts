/**
 * Reads and writes the facts of seed/facts/: one pretty-printed JSON file per kind, entities sorted by id, and
 * results.json, results sorted by leaderboard.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.js';
import { FACT_KINDS, type Facts, type ResultFact } from './types.js';

export const FACTS_DIR = projectPath('seed', 'facts');

export function readFacts(dir = FACTS_DIR): Facts {
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  return Object.fromEntries([...FACT_KINDS, 'results'].map((name) => [name, read(name)])) as unknown as Facts;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Results in a stable order: by dataset, metric and setting (so each leaderboard is one run of the file), then
 * model and variant (no variant first).
 */
export function sortResults(results: readonly ResultFact[]): ResultFact[] {
  const key = (r: ResultFact): string[] => [r.dataset, r.metric, r.setting, r.model, r.variant ?? ''];
  return [...results].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const i = ka.findIndex((part, j) => part !== kb[j]);
    return i === -1 ? 0 : compareText(ka[i]!, kb[i]!);
  });
}

/** One entity (or result) per block and a stable order, so a change to one model is a small, reviewable diff. */
export function writeFacts(facts: Facts, dir = FACTS_DIR): void {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, list: unknown[]): void => writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(list, null, 2)}\n`);
  for (const kind of FACT_KINDS) write(kind, [...facts[kind]].sort((a, b) => compareText(a.id, b.id)));
  write('results', sortResults(facts.results));
}
