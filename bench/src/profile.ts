/**
 * The shape of the real survey graph, read from the seed scripts themselves: the property rows of every node
 * and, per relationship type, how many relationships each source node has. The synthetic graphs resample these.
 *
 * Each seed statement is `UNWIND [literal rows] AS x <write>`; replacing the write with `RETURN x` lets Neo4j
 * parse the literals, read-only, so no second parser of Cypher literals is needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db/database.js';
import { splitStatements } from '../../src/db/cypher-script.js';
import { SCRIPT_DIRS } from '../../src/db/scripts.js';

export type Props = Record<string, unknown>;

export interface RealProfile {
  nodes: Record<'Domain' | 'Task' | 'Dataset' | 'Model', Props[]>;
  /** Per relationship type: the number of relationships of each source node that has any, plus zeros. */
  outDegrees: Record<string, number[]>;
}

const LABEL_OF_FILE: Record<string, keyof RealProfile['nodes']> = {
  '01-domains.cypher': 'Domain',
  '03-tasks.cypher': 'Task',
  '04-datasets.cypher': 'Dataset',
  '05-models.cypher': 'Model',
};

/**
 * Whose degree each relationship type is sampled by: a task's number of domains, a dataset's number of tasks, a
 * model's number of domains, tasks, datasets and base models. `index` is that node's place in the seed pairs.
 */
export const DEGREE_OWNER: Record<string, { label: keyof RealProfile['nodes']; index: 0 | 1 }> = {
  HAS_TASK: { label: 'Task', index: 1 },
  BENCHMARKED_ON: { label: 'Dataset', index: 1 },
  IN_DOMAIN: { label: 'Model', index: 0 },
  PERFORMS: { label: 'Model', index: 0 },
  TRAINED_ON: { label: 'Model', index: 0 },
  EVALUATED_ON: { label: 'Model', index: 0 },
  BASED_ON: { label: 'Model', index: 0 },
};

function asReturn(statement: string): string {
  const unwind = /^UNWIND \[[\s\S]*\] AS (\w+)/.exec(statement);
  if (!unwind) throw new Error(`not an UNWIND seed statement: ${statement.slice(0, 60)}`);
  return `${unwind[0]} RETURN ${unwind[1] ?? ''} AS row`;
}

export async function readRealProfile(db: Database): Promise<RealProfile> {
  const nodes: RealProfile['nodes'] = { Domain: [], Task: [], Dataset: [], Model: [] };
  const pairs: Record<string, [string, string][]> = {};
  for (const file of readdirSync(SCRIPT_DIRS.seed).filter((f) => f.endsWith('.cypher')).sort()) {
    const label = LABEL_OF_FILE[file];
    const type = /^\d+-(.+)\.cypher$/.exec(file)?.[1]?.toUpperCase().replace(/-/g, '_') ?? '';
    // The synthetic graphs resample the release-1 kinds only (not yet organisations).
    if (!label && !(type in DEGREE_OWNER)) continue;
    for (const statement of splitStatements(readFileSync(path.join(SCRIPT_DIRS.seed, file), 'utf8'))) {
      const rows = (await db.read(asReturn(statement.text))).map((r) => r['row']);
      if (label) nodes[label].push(...(rows as Props[]));
      else (pairs[type] ??= []).push(...(rows as { from: string; to: string }[]).map((link): [string, string] => [link.from, link.to]));
    }
  }
  const outDegrees: Record<string, number[]> = {};
  for (const [type, list] of Object.entries(pairs)) {
    const owner = DEGREE_OWNER[type]!;
    const counts = new Map<string, number>(nodes[owner.label].map((n) => [String(n['id']), 0]));
    for (const pair of list) counts.set(pair[owner.index], (counts.get(pair[owner.index]) ?? 0) + 1);
    outDegrees[type] = [...counts.values()];
  }
  return { nodes, outDegrees };
}
