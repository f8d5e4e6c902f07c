/**
 * The database work of fields that read far more of the graph than they return, for the node estimate: one call
 * of such a field counts its worst-case database hits on the survey graph times NODES_PER_DB_HIT, on top of the
 * nodes it returns. A field nested under lists is multiplied by them like any other.
 *
 * To register a field: measure its worst case with `npm run field-cost -- '<operation with $id>'` (it runs the
 * operation for every entity id with PROFILE and prints the largest total of database hits and where it was),
 * add an entry keyed "Type.field" whose `dbHits` returns that figure for the arguments that drive it, rounded up,
 * add a probe at the worst id to test/integration/field-costs.test.ts, and a row to README "Limits and errors".
 */
import { MAX_PATH_HOPS } from '../db/paths.js';
import { fuzzyEdits, searchKey } from '../db/search.js';
import { MAX_RESOLVE_NAMES } from './argument-limits.js';

export interface FieldCost {
  /** Why one call costs what it does, and where its worst case on the survey graph lies. */
  reason: string;
  /**
   * A field of the result that brings the work: the call counts it only when it selects that field (a model
   * list's facets), directly or through fragments.
   */
  selecting?: string;
  /**
   * Worst-case database hits of one call on the survey graph, from its arguments as execution sees them: variables
   * and defaults applied, and a null argument replaced by its default, as the resolvers do. An argument outside
   * its range counts 0: the resolver refuses it before any Cypher runs.
   */
  dbHits(args: Readonly<Record<string, unknown>>): number;
}

/**
 * Nodes of the estimate per database hit. The README's list examples make one database hit per 14 (nested) to 18
 * (drug-discovery datasets) nodes of their estimate, because the estimate assumes every list is full; a traversal
 * counted at 10 nodes per hit weighs a little more than a list of the same database work.
 */
export const NODES_PER_DB_HIT = 10;

/** Characters of a name's key per 70 database hits of resolving it: a key of up to 20 counts once. */
const RESOLVE_KEY_CHARACTERS = 20;

/** How many times a name's resolution counts the worst one-letter name: by the length of its fuzzy probe's key. */
function fuzzyProbeUnits(name: string): number {
  const key = searchKey(name);
  return fuzzyEdits(key) === 0 ? 1 : Math.max(1, Math.ceil(key.length / RESOLVE_KEY_CHARACTERS));
}

/**
 * Worst case by depth: medical-imaging at depth 1 and 2 (the largest domain); at depth 3 pubmedbert measured 12,900,
 * but a deeper call does at least the work of a shallower one from the same start, so depth 3 counts depth 2's.
 */
const NEIGHBORHOOD_DB_HITS: Readonly<Record<number, number>> = { 1: 9_200, 2: 14_200, 3: 14_200 };

/**
 * Worst case by maxHops (`npm run field-cost -- --pairs 40`, then every entity to and from each domain and the
 * farthest entities found), with no `via` or `avoidKinds` (which only narrow the search). A search to more hops
 * does at least the work of one to fewer from the same ends, so each counts at least the one before. The worst
 * pairs: two domains, a domain and a far entity, or two far entities (ptunifier, omni-mol-dataset, reverie-labs). Before the search
 * stopped at maxHops, every call ran to 6 hops (paths between medical-imaging and drug-discovery within 2 read
 * 10,666 database hits, not 1,002), and before paths ordered at most MAX_PATHS_ORDERED of them, two far entities
 * read twice the table's worst (ptunifier and 3d-molt5: 54,496).
 */
const PATH_DB_HITS: Readonly<Record<number, number>> = { 1: 600, 2: 1_000, 3: 2_700, 4: 3_500, 5: 3_500, 6: 3_500 };
const PATHS_DB_HITS: Readonly<Record<number, number>> = { 1: 1_000, 2: 2_500, 3: 8_500, 4: 19_000, 5: 36_000, 6: 36_000 };

/** A count argument as the resolver will use it, or undefined when the resolver refuses it. */
function count(args: Readonly<Record<string, unknown>>, name: string, min: number, max: number): number | undefined {
  const value = args[name];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * Facets count every model of the list they are asked of, whatever its page (`first`), by every dimension: the
 * whole filtered list at the root, a domain's, task's or organisation's models below, each charged its worst case
 * (no filter). Counted as the lists they return, 30 aliased facets of the whole list differing only in their
 * filters were estimated at 44,460 nodes and took 258 ms of Neo4j, where one modelCounts (340,000) takes 40.
 */
const facetsOf = (list: string, worst: string, dbHits: number): FieldCost => ({
  reason: `facets read every model of ${list} with its domains, tasks and organisations, whatever first; worst ${worst} with no filter`,
  selecting: 'facets',
  dbHits: () => dbHits,
});

export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  'Query.models': facetsOf('the whole list', 'for every model', 30_100),
  'Domain.models': facetsOf("a domain's list", 'for computational-biology', 9_200),
  'Task.models': facetsOf("a task's list", 'for medical-question-answering', 3_300),
  'Organization.models': facetsOf("an organisation's list", 'for alphabet', 1_900),
  'Query.leaderboards': {
    reason:
      'groups every benchmark result by dataset, metric and setting; a task or domain filter checks the dataset of each result; worst with a domain (clinical-informatics)',
    dbHits: () => 18_800,
  },
  'Query.datasets': {
    reason:
      'a condition or an order reads the links of every dataset (models trained or evaluated on it, its tasks); worst with trainedByDomain (medical-imaging); a plain list reads only the page',
    dbHits: (args) => (args['where'] != null || args['orderBy'] != null ? 9_800 : 0),
  },
  'Query.modelCounts': {
    reason:
      'groups every model matching the filter by one or two dimensions, reading their tasks, domains or organisations; worst by TASK and ORGANIZATION_GROUP with no filter',
    dbHits: () => 34_000,
  },
  'Query.neighborhood': {
    reason:
      'every relationship of the frontier at each level, then the entities and every relationship among up to 200 of them (one query)',
    dbHits: (args) => NEIGHBORHOOD_DB_HITS[count(args, 'depth', 1, 3) ?? 0] ?? 0,
  },
  'Query.path': {
    reason:
      'a bidirectional shortest-path search to maxHops (shortest-path.cypher); worst between two domains, or a domain and a far entity',
    dbHits: (args) => PATH_DB_HITS[count(args, 'maxHops', 1, MAX_PATH_HOPS) ?? 0] ?? 0,
  },
  'Query.paths': {
    reason:
      'every shortest path within maxHops is found and up to 1,000 of them ordered before the first are kept, whatever first (paths.cypher); worst between a domain or hub and a far entity',
    dbHits: (args) =>
      count(args, 'first', 1, 20) === undefined ? 0 : (PATHS_DB_HITS[count(args, 'maxHops', 1, MAX_PATH_HOPS) ?? 0] ?? 0),
  },
  'Query.relatedModels': {
    reason:
      'scores every model sharing a task or dataset with the model before it keeps the first; worst for me-llama with what they share listed (about a third of it without), whatever first (nothing for 0)',
    dbHits: (args) => (count(args, 'first', 1, 100) === undefined ? 0 : 7_200),
  },
  'Query.resolve': {
    reason:
      'each name runs the full-text key probes and reads its candidates: worst for one-letter names ("e": 70 per name); a name that matches nothing reads next to nothing but costs Lucene its fuzzy probe (100 such names took 1.3 s where search(text: "e", first: 100) took 0.14 s, about the same time per estimated node at 70 per name), so every name counts the worst, and the fuzzy probe takes time in proportion to its key (100 random names of 20, 40 and 64 characters took 0.5, 1.0 and 2.0 s): 70 per 20 characters of a key that gets one',
    dbHits: (args) => {
      const names = args['names'];
      if (!Array.isArray(names) || names.length > MAX_RESOLVE_NAMES) return 0;
      return names.reduce((sum: number, name: unknown) => sum + 70 * fuzzyProbeUnits(String(name)), 0);
    },
  },
  'Query.search': {
    reason:
      'the full-text probes rank their candidates (50 per probe, or first when more, read with their texts) in TypeScript, then each kept hit is read; worst for common words ("e": 568 up to first 50, 760 at first 100); with kinds, the probes of every kind and, when fewer than first of those kinds are among their candidates, the same probes restricted to them: worst for one letter and a kind the letter finds few of ("m", [MODEL]: 1,174 up to first 50, 2,252 at first 100, searched over every letter, a few common words and the kinds alone and together), 24 per candidate of a probe; nothing for first: 0',
    dbHits: (args) => {
      const first = count(args, 'first', 1, 100) ?? 0;
      const kinds = args['kinds'];
      if (first === 0) return 0;
      return Array.isArray(kinds) && kinds.length > 0 ? 24 * Math.max(50, first) : 500 + 3 * first;
    },
  },
};
