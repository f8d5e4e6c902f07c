/**
 * Lists whose length the node estimate knows (the rest count as LIST_SIZE_ESTIMATE): bounded by the schema or an
 * argument limit, or, for the root lists of a kind (`domains`, `tasks`, `datasets`, `organizations`, and the
 * models a filter of `models` is tested on), by how many entities of that kind the seeded facts hold. Counted as
 * 20, `organizations` (309) under-charged a filtered count under each organisation 15 times: 29 aliases of it
 * took 1.5 s at an estimate of 580 nodes.
 * A filter of a parent's models (`Domain.models`) is tested on at most as many models as the parent of that kind
 * with most has: counted as 20, a filter of computational-biology's 257 models was charged 20 models tested, and
 * of every domain's (771), 100.
 */
import { RESOLVE_CANDIDATES } from '../db/search.js';
import { readSeedManifest, type SeedManifest } from '../db/seed-manifest.js';
import { MAX_RESOLVE_NAMES } from './argument-limits.js';

const ROOT_LISTS = {
  'Query.domains': 'Domain',
  'Query.tasks': 'Task',
  'Query.datasets': 'Dataset',
  'Query.organizations': 'Organization',
  // The models a filter of the root list is tested on (the connection's page is sized by `first`).
  'Query.models': 'Model',
};

const PARENT_LISTS = { 'Domain.models': 'Domain', 'Task.models': 'Task', 'Organization.models': 'Organization' } as const;

export function listSizes(manifest: SeedManifest = readSeedManifest()): Record<string, number> {
  const rootLists = Object.entries(ROOT_LISTS).flatMap(([field, label]) => {
    const count = manifest.labels[label];
    return count === undefined ? [] : [[field, count] as const];
  });
  const parentLists = Object.entries(PARENT_LISTS).map(([field, kind]) => [field, manifest.mostModels[kind]] as const);
  return {
    'Subgraph.nodes': 200,
    'Subgraph.edges': 400,
    'GraphPath.nodes': 7,
    'GraphPath.edges': 6,
    'Query.resolve': MAX_RESOLVE_NAMES,
    'Resolution.candidates': RESOLVE_CANDIDATES,
    ...Object.fromEntries(rootLists),
    ...Object.fromEntries(parentLists),
  };
}
