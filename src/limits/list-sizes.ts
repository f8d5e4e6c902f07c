/**
 * Lists whose length the node estimate knows (the rest count as LIST_SIZE_ESTIMATE): bounded by the schema or an
 * argument limit, or, for the root lists of a kind (`domains`, `tasks`, `datasets`, `organizations`, and the
 * models a filter of `models` is tested on), by how many entities of that kind the seeded facts hold. Counted as
 * 20, `organizations` (309) under-charged a filtered count under each organisation 15 times: 29 aliases of it
 * took 1.5 s at an estimate of 580 nodes.
 * A filter of a parent's models (`Domain.models`) is tested on as many models as a parent of that kind has on
 * average: under the root list of the parents (`domains { models(where: ...) }`), exactly the models tested in all.
 * Counted as 20, the models of every domain (771) were charged 100.
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

// The relationship from a model to a parent of each kind: its count over the parents' is a parent's average.
const PARENT_LISTS = {
  'Domain.models': ['IN_DOMAIN', 'Domain'],
  'Task.models': ['PERFORMS', 'Task'],
  'Organization.models': ['DEVELOPED_BY', 'Organization'],
} as const;

export function listSizes(manifest: SeedManifest = readSeedManifest()): Record<string, number> {
  const rootLists = Object.entries(ROOT_LISTS).flatMap(([field, label]) => {
    const count = manifest.labels[label];
    return count === undefined ? [] : [[field, count] as const];
  });
  const parentLists = Object.entries(PARENT_LISTS).flatMap(([field, [type, label]]) => {
    const [links, parents] = [manifest.relationships[type], manifest.labels[label]];
    return links === undefined || !parents ? [] : [[field, Math.ceil(links / parents)] as const];
  });
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
