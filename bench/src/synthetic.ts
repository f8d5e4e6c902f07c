/**
 * Synthetic survey-shaped graphs for the benchmark: the same labels and relationship types, node properties
 * and per-node degrees resampled from the real graph, at a chosen number of models; deterministic for a seed.
 * Loaded with batched UNWIND ... CREATE into an empty database.
 */
import type { Database } from '../../src/db/database.js';
import { applyDerived, applySchema } from '../../src/db/scripts.js';
import type { Props, RealProfile } from './profile.js';
import { Rng } from './rng.js';

export const SIZES = { S: 1_000, M: 10_000, L: 100_000 } as const;
export type SizeName = keyof typeof SIZES;

type Label = keyof RealProfile['nodes'];

export interface SyntheticGraph {
  nodes: Record<Label, Props[]>;
  relationships: Record<string, [string, string][]>;
}

// Node and relationship statements: labels and types come from these fixed tables, never from input.
const CREATE_NODES: Record<Label, string> = {
  Domain: 'UNWIND $rows AS props CREATE (n:Entity:Domain) SET n = props',
  Task: 'UNWIND $rows AS props CREATE (n:Entity:Task) SET n = props',
  Dataset: 'UNWIND $rows AS props CREATE (n:Entity:Dataset) SET n = props',
  Model: 'UNWIND $rows AS props CREATE (n:Entity:Model) SET n = props',
};
// The server serves a synthetic graph as it is (SEED_ON_START=false); the marker names what it holds.
const MARK_RELEASE = `MERGE (r:Release {id: 'release'})
SET r.state = 'ready', r.version = 'synthetic', r.seededAt = datetime(), r.source = 'a synthetic benchmark graph'`;
const CREATE_RELATIONSHIPS: Record<string, string> = {
  HAS_TASK: 'UNWIND $pairs AS p MATCH (a:Domain {id: p[0]}) MATCH (b:Task {id: p[1]}) CREATE (a)-[:HAS_TASK]->(b)',
  BENCHMARKED_ON: 'UNWIND $pairs AS p MATCH (a:Task {id: p[0]}) MATCH (b:Dataset {id: p[1]}) CREATE (a)-[:BENCHMARKED_ON]->(b)',
  IN_DOMAIN: 'UNWIND $pairs AS p MATCH (a:Model {id: p[0]}) MATCH (b:Domain {id: p[1]}) CREATE (a)-[:IN_DOMAIN]->(b)',
  PERFORMS: 'UNWIND $pairs AS p MATCH (a:Model {id: p[0]}) MATCH (b:Task {id: p[1]}) CREATE (a)-[:PERFORMS]->(b)',
  TRAINED_ON: 'UNWIND $pairs AS p MATCH (a:Model {id: p[0]}) MATCH (b:Dataset {id: p[1]}) CREATE (a)-[:TRAINED_ON]->(b)',
  EVALUATED_ON: 'UNWIND $pairs AS p MATCH (a:Model {id: p[0]}) MATCH (b:Dataset {id: p[1]}) CREATE (a)-[:EVALUATED_ON]->(b)',
  BASED_ON: 'UNWIND $pairs AS p MATCH (a:Model {id: p[0]}) MATCH (b:Model {id: p[1]}) CREATE (a)-[:BASED_ON]->(b)',
};
const BATCH = 10_000;

/**
 * Resampled copies of real nodes. Names get a zero-padded number in front, so that sorting by name is the same
 * case-sensitively (the peer) and case-insensitively (this server), and every name is unique.
 */
function resample(rng: Rng, real: Props[], count: number, prefix: string): Props[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const source = rng.pick(real);
    const id = `${prefix}-${String(i).padStart(width, '0')}`;
    return { ...source, id, name: `${prefix.toUpperCase()}${String(i).padStart(width, '0')} ${String(source['name'])}` };
  });
}

function link(
  rng: Rng,
  owners: Props[],
  degrees: number[],
  targets: (ownerIndex: number) => string[],
  ownerFirst: boolean,
): [string, string][] {
  const pairs: [string, string][] = [];
  owners.forEach((owner, i) => {
    for (const target of rng.sample(targets(i), rng.pick(degrees))) {
      pairs.push(ownerFirst ? [String(owner['id']), target] : [target, String(owner['id'])]);
    }
  });
  return pairs;
}

export function generateGraph(profile: RealProfile, models: number, seed = 20250304): SyntheticGraph {
  const rng = new Rng(seed);
  const scale = models / profile.nodes.Model.length;
  const domains = profile.nodes.Domain;
  const tasks = resample(rng, profile.nodes.Task, Math.max(5, Math.round(profile.nodes.Task.length * scale)), 'task');
  const datasets = resample(rng, profile.nodes.Dataset, Math.round(profile.nodes.Dataset.length * scale), 'dataset');
  const modelRows = resample(rng, profile.nodes.Model, models, 'model');
  const ids = (rows: Props[]): string[] => rows.map((r) => String(r['id']));
  const [domainIds, taskIds, datasetIds, modelIds] = [ids(domains), ids(tasks), ids(datasets), ids(modelRows)];
  const degrees = profile.outDegrees;
  return {
    nodes: { Domain: domains, Task: tasks, Dataset: datasets, Model: modelRows },
    relationships: {
      HAS_TASK: link(rng, tasks, degrees['HAS_TASK']!, () => domainIds, false),
      BENCHMARKED_ON: link(rng, datasets, degrees['BENCHMARKED_ON']!, () => taskIds, false),
      IN_DOMAIN: link(rng, modelRows, degrees['IN_DOMAIN']!, () => domainIds, true),
      PERFORMS: link(rng, modelRows, degrees['PERFORMS']!, () => taskIds, true),
      TRAINED_ON: link(rng, modelRows, degrees['TRAINED_ON']!, () => datasetIds, true),
      EVALUATED_ON: link(rng, modelRows, degrees['EVALUATED_ON']!, () => datasetIds, true),
      // Only earlier models can be a base, as in reality (no cycles).
      BASED_ON: link(rng, modelRows, degrees['BASED_ON']!, (i) => modelIds.slice(Math.max(0, i - 2000), i), true),
    },
  };
}

export async function loadGraph(db: Database, graph: SyntheticGraph): Promise<void> {
  await applySchema(db);
  for (const [label, rows] of Object.entries(graph.nodes) as [Label, Props[]][]) {
    for (let i = 0; i < rows.length; i += BATCH) await db.write(CREATE_NODES[label], { rows: rows.slice(i, i + BATCH) });
  }
  for (const [type, pairs] of Object.entries(graph.relationships)) {
    for (let i = 0; i < pairs.length; i += BATCH) {
      await db.write(CREATE_RELATIONSHIPS[type]!, { pairs: pairs.slice(i, i + BATCH) });
    }
  }
  await applyDerived(db);
  await db.write(MARK_RELEASE);
}
