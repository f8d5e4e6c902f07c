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
import { MAX_NEAR_EDITS } from '../db/edit-distance.js';
import { fuzzyEdits, resolutionNearTexts } from '../db/search.js';
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

/** Database hits of resolving a one-letter name ("e"), the worst case of the key probes: the unit of a name's charge. */
const RESOLVE_NAME_DB_HITS = 70;

/** Characters of a name's key looked for with edits, per unit: a key of up to 20 counts once. */
const RESOLVE_KEY_CHARACTERS = 20;

/**
 * Characters of the words a resolution looks for with 2 edits among the words of names, per unit. That probe is a
 * fuzzy query per word in four fields of the full-text index, about five times the key's time per character:
 * statements of 100 random names took 1.2 s for keys of 64 letters in 8 words (no words probe), 6.9 s for one
 * word of 64 letters, 1.8 s for one of 20, 3.5 s for 4 words of 10 (at load 3-5, 2026-12-05). A word of up to 5
 * characters (1 edit) costs little more than its name's unit (100 names of 4 such words: 0.5 s, the key's probe
 * most of it), so only the longer ones count.
 */
const RESOLVE_WORD_CHARACTERS = 7;

/** How many units a name's resolution counts: one, or as many as its fuzzy probes' lengths take (see resolutionNearTexts). */
function resolveUnits(name: string): number {
  const { key, words } = resolutionNearTexts(name);
  const keyUnits = key === null ? 1 : Math.max(1, Math.ceil(key.length / RESOLVE_KEY_CHARACTERS));
  const wordCharacters = words.reduce((sum, { raw }) => sum + (fuzzyEdits(raw) === MAX_NEAR_EDITS ? raw.length : 0), 0);
  return keyUnits + Math.ceil(wordCharacters / RESOLVE_WORD_CHARACTERS);
}

/**
 * The worst-case database hits of resolving one name. With kinds every probe may run twice: over every kind, then
 * restricted to the kinds when too few of them were found, as they are for a name that matches nothing (100 random
 * names of 20 letters: 1.8 s, 3.3 s with `kinds: [DATASET]`).
 */
function resolveNameDbHits(name: string, kinds: boolean): number {
  return RESOLVE_NAME_DB_HITS * resolveUnits(name) * (kinds ? 2 : 1);
}

/** The same, in nodes of the estimate. */
export function resolveNameNodes(name: string, kinds: boolean): number {
  return resolveNameDbHits(name, kinds) * NODES_PER_DB_HIT;
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
      'each name runs the full-text key probes and reads its candidates: worst for one-letter names ("e": 70 per name); a name that matches nothing reads next to nothing but costs Lucene its fuzzy probes, of its key and of its words among the words of names, which take time with the length of what they look for, so every name counts the worst: 70 per 20 characters of a key that gets one, and 70 per 7 characters of the words looked for with 2 edits (100 random names of 64 letters took 6.9 s, 100 misspelt names of four words 1.6 s); twice with kinds, whose probes run again restricted to them',
    dbHits: (args) => {
      const names = args['names'];
      if (!Array.isArray(names) || names.length > MAX_RESOLVE_NAMES) return 0;
      const kinds = Array.isArray(args['kinds']) && args['kinds'].length > 0;
      return names.reduce((sum: number, name: unknown) => sum + resolveNameDbHits(String(name), kinds), 0);
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
