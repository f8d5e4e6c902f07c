/**
 * Search and name resolution: turns user text into full-text probes, fetches their candidates for one text or
 * many in one round trip (cypher/queries/search.cypher), and ranks them here.
 *
 * Three probes find the candidates: the text's key among the entities' keys (exactly and as a prefix), its words
 * in names, aliases, descriptions, paper titles and topics (each word and the phrase per field, names weighted well
 * above the rest, the last word also as a prefix of names and aliases, two neighbouring words joined in names), and
 * for several words whether FEW entities hold every word in a name or description; near misses of the key and of
 * the words in names only when those find little. The candidates come with their texts, which
 * search-analysis.ts reads as the index does (stemmed, folded), so that the ranking knows for every one of them,
 * not only for the best few of a probe, which words it holds and where.
 *
 * A candidate's score adds up:
 * - its key: the text's key (lowercase letters and digits only: `ESM-2`, `esm 2` and `esm2` all give `esm2`) equal
 *   to one of the entity's keys (name, id, aliases) scores `exact`, more than anything else can add up to, plus
 *   `literal` when the text is the name, an alias or the id apart from case (`BioT5` before `BioT5+`, whose key is
 *   the same); a prefix of one of its keys scores up to `prefix`, the more of that key it covers the more (`esm`
 *   is 3/4 of `esm2`); a near miss (edit distance 1 for keys or words of 3 to 5 characters, 2 for longer ones)
 *   scores `fuzzy` divided by its edits (see nearEdits), plus `sameStart` when it begins with the text's first
 *   letter, and is looked for only when no
 *   entity has the key itself, fewer than FEW begin with it and fewer than FEW hold every word in a name or
 *   description;
 * - where it holds the words: `names` when its name or an alias holds every one, plus `nameShare` times the share
 *   of that name's words that are the text's (`imaging` is half of "Medical Imaging"); for several words,
 *   `allWords` when it holds every one somewhere (stop words need not be held) and `phrase` when a name,
 *   description, title or topic holds them in a row (`single cell` is in "single-cell", not in "single GPU ...
 *   cells"); `topic` when its topics (kinds of data, tasks) hold every word. Words that say a kind (KIND_WORDS:
 *   `foundation model`, `dataset`) are held by every entity of that kind, as long as the text has other words: a
 *   model need not say "foundation model" to be one (Geneformer, a "single-cell model", for `single cell
 *   foundation model`), and the words probe looks for the other words only;
 * - how well its words match (the full-text score of the words probe): up to `text`, reached at TEXT_SATURATION
 *   of the best match's score (beyond it an entity is about the words, and saying them more often says little);
 * - its links: up to `links` for a model that performs a task, or was trained or evaluated on a dataset, or
 *   belongs to a domain, that holds every word itself (scGPT performs single-cell data integration), and for a
 *   task, dataset or domain that such models link to (MIMIC-III for `clinical notes`), by how well those match;
 * - `popularity` times the log of its number of relationships, those pointing at it counting three times (at most
 *   MAX_DEGREE counted), which orders the many entities that are equally about the words (the best-known of the 62
 *   single-cell models): what others build on, train on or perform says more of how known an entity is than how
 *   much the facts say of it (Geneformer and scGPT, which others build on, before the models that only link to more
 *   tasks and datasets).
 * `matchedOn` is the key that matched (name, alias or id), or else the first of its name, an alias, its
 * description and its paper's title to hold one of the words, or else `topic`.
 */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import { editDistance } from './edit-distance.js';
import {
  contentWords,
  inMask,
  matchTerms,
  nameWordEdits,
  phraseMask,
  searchTerms,
  type SearchedTexts,
  type Term,
  type TermMatch,
} from './search-analysis.js';
import type { EntityLabel, EntityRow, MatchedOn, ResolutionRow, SearchHitRow } from './rows.js';

/** Weights of the parts of a score (see the module comment). */
export const SEARCH_WEIGHTS = {
  exact: 20,
  literal: 1,
  prefix: 3,
  fuzzy: 2,
  sameStart: 0.5,
  names: 2,
  nameShare: 1,
  allWords: 3,
  phrase: 2,
  topic: 0.5,
  text: 3,
  links: 2,
  popularity: 0.8,
} as const;
/** The share of the best words score at which a candidate's words score reaches `text`. */
const TEXT_SATURATION = 0.4;
/** The summed relevance of linked candidates (each up to 1) at which `links` is reached. */
const LINKS_SATURATION = 2;
/** Boost of words in names and aliases, paper titles and topics, relative to the same words in descriptions. */
const NAMES_BOOST = 3;
const PAPER_BOOST = 1;
const TOPICS_BOOST = 0.5;
/** Boost inside one field of the words as a phrase, over any one word (a field holding every word scores each). */
const PHRASE_BOOST = 4;
/** Degrees above this count as this much popularity: hubs such as domains would otherwise top every list. */
const MAX_DEGREE = 30;
/** Near misses are looked for only when fewer entities than this match the key and hold every word. */
const FEW = 3;
/**
 * Candidates read per probe of a search, or `first` when more are asked for: the first hits are then the same
 * however many up to this are asked for.
 */
const SEARCH_POOL = 50;
/**
 * Candidates read from the cover probe (the entities holding every word in a name or description): enough to tell
 * whether FEW hold them. An entity holding every word scores each of them in the words probe, whose candidates the
 * ranking reads; 50 more from this probe, most of them the words probe's anyway, cost a fifth of the statement,
 * their texts read and sent (issue 14), and changed no ranking of the relevance set.
 */
const COVER_POOL = FEW;
/**
 * What an entity of each kind is, in the words of its definition in schema.graphql (a Model is "a foundation model
 * covered by the survey, or a general-purpose model ..."): the words of a search that say one of these are held by
 * every entity of that kind (`single cell foundation model` asks for models about single cells, which Geneformer's
 * "single-cell model" is). Label names are the EntityLabel allow-list.
 */
const KIND_WORDS: Record<EntityLabel, string[]> = {
  Domain: ['domain'],
  Task: ['task'],
  Dataset: ['dataset'],
  Model: ['foundation model', 'model'],
  Organization: ['organization'],
};
/** Candidates read per probe of a resolution: the exact key is boosted to the top, the rest are near misses. */
const RESOLVE_POOL = 10;
// Lucene refuses prefix and fuzzy queries on very long terms ("automaton is too large"); no real name is this long.
const MAX_AUTOMATON_KEY = 64;
// A key longer than any entity's matches nothing; checking it costs a probe for nothing.
const MAX_KEY = 256;
const MAX_WORD_LENGTH = 64;
const MAX_WORDS = 32;

type SearchIndex = 'entity_keys' | 'entity_fulltext';

/** What a probe's score means for the ranking. */
type ProbeRole =
  | { kind: 'key' }
  | { kind: 'words' }
  | { kind: 'cover' };

/** One search or resolution: what the statement is sent, and what ranking needs to read its answer. */
export interface SearchPlan {
  /** As the search statement takes it (see cypher/queries/search.cypher). */
  request: {
    index: number;
    key: string;
    probes: { indexName: SearchIndex; query: string; limit: number }[];
    keyProbe: number | null;
    /** The probes whose hits are the entities holding every word. */
    coverProbes: number[];
    /** The near misses of the key among keys and of the words among the words of names (see nearProbes). */
    near: SearchPlan['request']['probes'];
    /** The labels a search keeps (null: all), and how many hits of them fill its page. */
    kinds: readonly EntityLabel[] | null;
    first: number;
    /**
     * For a search of some kinds (else empty and null), its probes and near misses restricted to those kinds, run only
     * when `probes` find fewer than `first` of them; their positions follow those of `probes`.
     */
    fill: SearchPlan['request']['probes'];
    fillNear: SearchPlan['request']['probes'];
  };
  /** The role of each probe, by position (`probes`, then `fill`). */
  roles: ProbeRole[];
  key: string;
  /** The text in lowercase, for the literal bonus. */
  text: string;
  /** Its words as the index analyses them, to tell where each candidate holds them. */
  terms: Term[];
  /** The terms that say each kind (bit masks of positions in `terms`), for the kinds the text says. */
  kindTerms: Partial<Record<EntityLabel, number>>;
  /** The words whose near misses are looked for in names (searched or resolved alike), as written. */
  nearWords: Term[];
}

/** A candidate as the search statement returns it. */
export interface Candidate {
  node: {
    id: string;
    name: string;
    aliases?: string[] | null;
    searchKeys?: string[] | null;
    /** The texts the words are looked for in, and the ids of what it links to; absent when resolving. */
    texts?: (Omit<SearchedTexts, 'name' | 'aliases'> & { searchLinks?: string[] | null }) | null;
    label: EntityLabel;
    degree: number;
  };
  /** [probe position, Lucene score] per probe that found it; NEAR or FILL_NEAR for the near misses of the key. */
  scores: [number, number][];
}

export interface RankedHit extends SearchHitRow {
  /** True when the text's key equals one of the entity's keys. */
  exact: boolean;
}

/**
 * The key of a text, as cypher/derived/search-keys.cypher computes it for names, ids and aliases: lowercase,
 * accents folded, only the letters a-z and digits kept.
 */
export function searchKey(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '');
}

/**
 * The words of a text for the full-text analyzer: runs of letters and digits, accents folded, lowercased (so that
 * Lucene's operators AND/OR/NOT are plain words). Nothing else is left, so no Lucene syntax can get through.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
    .slice(0, MAX_WORDS);
}

/** Lucene's edit distance for near misses of a key or a word: none below 3 characters, 1 up to 5, else 2. */
export function fuzzyEdits(key: string): 0 | 1 | 2 {
  if (key.length < 3 || key.length > MAX_AUTOMATON_KEY) return 0;
  return key.length <= 5 ? 1 : 2;
}

/**
 * Restricts a Lucene query to entities of the given labels (label names come from the EntityKind allow-list). The
 * kind's clause is boosted by 0 so that every hit scores as it does in the query alone: the hits that fill a page of
 * some kinds are ranked with the unrestricted probes' (see rankCandidates).
 */
function ofLabels(query: string, labels: readonly EntityLabel[]): string {
  return `+(${query}) +searchKind:(${labels.join(' ')})^0`;
}

/**
 * The words probe: in each field each word and the phrase (boosted), in names and aliases also each two neighbouring
 * words written as one, as the phrase (a name is often a compound typed apart: `alpha fold` is AlphaFold), and the
 * last word as a prefix of names and aliases when `typing` (it may still be typed), all of them one flat list of clauses, which Lucene scores in bulk
 * (nested in a group per field, the same clauses cost it some 10% more at scale, issue 14). A clause for all the
 * words together, and the prefix in the other fields, cost a third of the probe (issue 14) and changed no ranking
 * of the relevance set: an entity holding every word scores each of them, and the ranking reads which words each
 * candidate holds from its texts.
 */
function wordsQuery(words: string[], typing: boolean): string {
  const last = words[words.length - 1]!;
  const clauses: string[] = [];
  for (const { fields, boost, names } of WORDS_FIELDS) {
    for (const field of fields) {
      clauses.push(...words.map((word) => `${field}:${word}^${String(boost)}`));
      if (words.length > 1) clauses.push(`${field}:"${words.join(' ')}"^${String(PHRASE_BOOST * boost)}`);
      if (names) clauses.push(...words.slice(1).map((word, i) => `${field}:${words[i]!}${word}^${String(PHRASE_BOOST * boost)}`));
      if (names && typing && last.length >= 3) clauses.push(`${field}:${last}*^${String(boost)}`);
    }
  }
  return clauses.join(' ');
}

// Each searched text is indexed as written and, where folding accents changes it, folded (the derived copies).
const NAME_FIELDS = ['name', 'foldedName', 'aliases', 'foldedAliases'];
const DESCRIPTION_FIELDS = ['description', 'foldedDescription'];
/**
 * The fields of the words probe and their boosts; `names` where the last word is looked for as a prefix too, and
 * neighbouring words joined.
 */
const WORDS_FIELDS = [
  { fields: NAME_FIELDS, boost: NAMES_BOOST, names: true },
  { fields: DESCRIPTION_FIELDS, boost: 1, names: false },
  { fields: ['paperTitle', 'foldedPaperTitle'], boost: PAPER_BOOST, names: false },
  { fields: ['topics'], boost: TOPICS_BOOST, names: false },
];
// Whether near misses are worth looking for is judged by who holds every word in a name or description: paper
// titles and topics, which many entities share at scale, would make that probe cost twice as much.
const COVER_FIELDS = [...NAME_FIELDS, ...DESCRIPTION_FIELDS];

/** Every word in one of `fields` (a word may be in one field, the next in another). */
function everyWord(words: string[], fields: string[]): string {
  return words.map((word) => `+(${fields.map((field) => `${field}:${word}`).join(' ')})`).join(' ');
}

export interface PlanOptions {
  first: number;
  labels: readonly EntityLabel[] | null;
  /** Whether the words of the text are searched too (search), or only its key (resolve). */
  words: boolean;
}

/** The terms of a search that say each kind (see KIND_WORDS). */
function kindTerms(terms: Term[]): Partial<Record<EntityLabel, number>> {
  const said: Partial<Record<EntityLabel, number>> = {};
  for (const [label, phrases] of Object.entries(KIND_WORDS) as [EntityLabel, string[]][]) {
    const mask = phrases.reduce((sum, phrase) => sum | phraseMask(terms, phrase), 0);
    if (mask !== 0) said[label] = mask;
  }
  return said;
}

/** The probes of one text; null when the text has neither a key nor a word to search for. */
export function searchPlan(index: number, text: string, options: PlanOptions): SearchPlan | null {
  const key = searchKey(text);
  const all = searchWords(text);
  const written = options.words ? all : [];
  if (key.length === 0 && written.length === 0) return null;
  // The near misses of the words are looked for in names whether or not the words themselves are searched (a
  // resolution searches only its key): one analysis serves both.
  const nearWords = searchTerms(all);
  const words = contentWords(written);
  const terms = options.words ? nearWords : [];
  const kinds = kindTerms(terms);
  // The words probe looks for the words that do not say a kind: an entity's kind says the others (see KIND_WORDS).
  // The words are the terms (stop words left out) unless all are stop words, when no kind is said.
  const kindMask = Object.values(kinds).reduce((sum, mask) => sum | mask, 0);
  const said = words.filter((_, i) => !inMask(kindMask, i));
  const core = said.length > 0 ? said : words;
  const typing = core === words || !inMask(kindMask, words.length - 1);
  const pool = options.words ? Math.max(SEARCH_POOL, options.first) : RESOLVE_POOL;
  const probes: SearchPlan['request']['probes'] = [];
  const roles: ProbeRole[] = [];
  const add = (indexName: SearchIndex, query: string, role: ProbeRole, limit = pool): number => {
    probes.push({ indexName, query, limit });
    roles.push(role);
    return probes.length - 1;
  };
  let keyProbe: number | null = null;
  if (key.length > 0 && key.length <= MAX_KEY) {
    // The exact key is boosted above the prefixes (which all score alike), so that a small pool holds it.
    const query = key.length <= MAX_AUTOMATON_KEY ? `searchKeys:${key}^2 searchKeys:${key}*` : `searchKeys:${key}`;
    keyProbe = add('entity_keys', query, { kind: 'key' });
  }
  let coverProbes: number[] = [];
  if (words.length > 0) {
    const wordsProbe = add('entity_fulltext', wordsQuery(core, typing), { kind: 'words' });
    // The entities holding every word: for one word those the words probe found, for several the cover probe's,
    // which need only tell whether there are FEW (the words probe finds the best of them: see COVER_POOL).
    coverProbes =
      words.length > 1 ? [add('entity_fulltext', everyWord(words, COVER_FIELDS), { kind: 'cover' }, COVER_POOL)] : [wordsProbe];
  }
  const near = nearProbes(nearTexts(key, nearWords), pool);
  const labels = options.labels;
  return {
    request: {
      index,
      key,
      probes,
      keyProbe,
      coverProbes,
      near,
      kinds: labels,
      first: options.first,
      fill: labels === null ? [] : probes.map((probe) => ({ ...probe, query: ofLabels(probe.query, labels) })),
      fillNear: labels === null ? [] : near.map((probe) => ({ ...probe, query: ofLabels(probe.query, labels) })),
    },
    roles: labels === null ? roles : [...roles, ...roles],
    key,
    text: text.trim().toLowerCase(),
    terms,
    kindTerms: kinds,
    nearWords,
  };
}

/** Near misses of a text are looked for in names when it has at most this many words: a fuzzy clause per word and field. */
const MAX_NEAR_WORDS = 4;

/** What the near misses of a text are looked for with (see nearProbes). */
export interface NearTexts {
  /** Its key, when the key may have edits (fuzzyEdits); else null. */
  key: string | null;
  /** Its words, when it has at most MAX_NEAR_WORDS and one of them may have edits; else none. */
  words: Term[];
}

function nearTexts(key: string, words: Term[]): NearTexts {
  const wordsNear = words.length > 0 && words.length <= MAX_NEAR_WORDS && words.some(({ raw }) => fuzzyEdits(raw) > 0);
  return { key: fuzzyEdits(key) > 0 ? key : null, words: wordsNear ? words : [] };
}

/**
 * What a resolution of `name` (or the suggestion for an unknown id, the same search) looks for near misses of
 * when no entity has its key: Lucene's fuzzy queries take time with the length of what they look for, which the
 * cost estimate charges (limits/field-costs.ts).
 */
export function resolutionNearTexts(name: string): NearTexts {
  return nearTexts(searchKey(name), searchTerms(searchWords(name)));
}

/**
 * The probes of a text's near misses: of its key among the keys, and of its words among the words of names and
 * aliases, each word or a near miss of it in a name or an alias. A key is the whole name's, so the first cannot
 * find a name of which the text misspells one word (`alfafold` is 3 edits from `alphafold2`, AlphaFold 2's key,
 * and 2 from the word `alphafold` of its name). The index holds stems, so the probe looks for near misses of the
 * stems, with the edits the written word allows; a stem is shorter than its word, so this finds more than the
 * written words' near misses (`genform`, of `genformer`, is 2 edits from `genom`), which the ranking leaves out
 * (see nearEdits). A word shorter than 3 characters must be there as it is.
 */
function nearProbes({ key, words }: NearTexts, pool: number): SearchPlan['request']['probes'] {
  const probes: SearchPlan['request']['probes'] = [];
  if (key !== null) probes.push({ indexName: 'entity_keys', query: `searchKeys:${key}~${String(fuzzyEdits(key))}`, limit: pool });
  if (words.length > 0) {
    const nearWord = ({ raw, stem }: Term): string => (fuzzyEdits(raw) === 0 ? stem : `${stem}~${String(fuzzyEdits(raw))}`);
    probes.push({ indexName: 'entity_fulltext', query: everyWord(words.map(nearWord), NAME_FIELDS), limit: pool });
  }
  return probes;
}

/** The field a key position stands for: searchKeys holds the name's key, the id's, then the aliases'. */
function keyField(position: number): MatchedOn {
  return position === 0 ? 'name' : position === 1 ? 'id' : 'alias';
}

// On equal scores a name's key wins over an alias's, an alias's over the id's.
const FIELD_PREFERENCE: Record<string, number> = { name: 0.002, alias: 0.001, id: 0 };

/** The best of the entity's keys for the text's key: exact, else the prefix covering the most of its key. */
function bestKey(key: string, keys: string[]): { on: MatchedOn; score: number; exact: boolean } | null {
  let best: { on: MatchedOn; score: number; exact: boolean } | null = null;
  keys.forEach((candidate, position) => {
    if (!candidate.startsWith(key) || key.length === 0) return;
    const on = keyField(position);
    const exact = candidate === key;
    const score = (exact ? SEARCH_WEIGHTS.exact : (SEARCH_WEIGHTS.prefix * key.length) / candidate.length) + FIELD_PREFERENCE[on]!;
    if (best === null || score > best.score) best = { on, score, exact };
  });
  return best;
}

/** For a near miss: the entity's key closest in length to the text's key, a name's on a tie. */
function closestKey(key: string, keys: string[]): MatchedOn {
  let position = 0;
  keys.forEach((candidate, i) => {
    if (Math.abs(candidate.length - key.length) < Math.abs(keys[position]!.length - key.length)) position = i;
  });
  return keyField(position);
}

/**
 * A name that holds near misses of the text's words and more words (AlphaFold 2 for `alfafold`) is a farther miss
 * than a name that is a near miss of the whole text by as many edits: ChemBERTa before ChemBERTa-2 for `chembrta`.
 */
const PART_OF_NAME_EDITS = 0.5;

/**
 * How many edits a near miss is from the text: the fewest from the text's key to one of its keys, or from the
 * text's words to words of its name and aliases (plus PART_OF_NAME_EDITS), counting only those within the edits
 * fuzzyEdits allows (the probes find more: see nearProbes); Infinity when neither is.
 */
function nearEdits(plan: SearchPlan, node: Candidate['node']): number {
  const within = (edits: number, text: string): number => (edits <= fuzzyEdits(text) ? edits : Infinity);
  const keyAllows = fuzzyEdits(plan.key);
  const keyEdits = Math.min(...(node.searchKeys ?? []).map((key) => within(editDistance(plan.key, key, keyAllows), plan.key)));
  const raws = plan.nearWords.map(({ raw }) => raw);
  const perWord = nameWordEdits(raws, [node.name, ...(node.aliases ?? [])]).map((edits, i) => within(edits, raws[i]!));
  const wordEdits = perWord.length > 0 ? perWord.reduce((sum, edits) => sum + edits, PART_OF_NAME_EDITS) : Infinity;
  return Math.min(keyEdits, wordEdits);
}

/** The key part of a candidate's score: its best key for the text's key, or how near a near miss is. */
function keyScore(plan: SearchPlan, candidate: Candidate): { score: number; exact: boolean; on: MatchedOn } | null {
  const keys = candidate.node.searchKeys ?? [];
  const keyed = candidate.scores.some(([position]) => plan.roles[position]?.kind === 'key');
  if (keyed) return bestKey(plan.key, keys);
  if (!candidate.scores.some(([position]) => isNear(position))) return null;
  // A near miss by one edit is far likelier what was meant than one by two, more than popularity can make up for
  // (`chembrta` is ChemBERTa, 1 edit, before ChemData, 2 edits and twice the links); Lucene's fuzzy score blends in
  // how often each key occurs, so the edits are counted here.
  const edits = Math.max(1, nearEdits(plan, candidate.node));
  if (edits === Infinity) return null;
  // Typing rarely gets the first letter wrong: `genformer` is Geneformer before Enformer.
  const sameStart = keys.some((candidateKey) => candidateKey[0] === plan.key[0]);
  const score = SEARCH_WEIGHTS.fuzzy / edits + (sameStart ? SEARCH_WEIGHTS.sameStart : 0);
  return { score, exact: false, on: closestKey(plan.key, keys) };
}

/** Where a hit of the words probe matched: the first of its name, an alias, its description and its paper's title to hold a word, else its topics. */
function wordsMatchedOn(match: TermMatch): MatchedOn {
  if (match.name) return 'name';
  if (match.alias) return 'alias';
  if (match.description) return 'description';
  return match.paper ? 'paper' : 'topic';
}

/** The probe position the statement gives the near misses, and those of a fill (see cypher/queries/search.cypher). */
const NEAR = -1;
const FILL_NEAR = -2;

function isNear(position: number): boolean {
  return position === NEAR || position === FILL_NEAR;
}

/** The score of a candidate's probe of this kind (0 when that probe did not find it). */
function probeScore(plan: SearchPlan, candidate: Candidate, kind: ProbeRole['kind']): number {
  return candidate.scores.find(([position]) => plan.roles[position]?.kind === kind)?.[1] ?? 0;
}

/**
 * How relevant each candidate that holds every word is (its words score as a share of the best, at most 1), and
 * how much relevance its links add up to: a model linked to a task, dataset or domain among them is about the same
 * thing, and so is a task, dataset or domain that models among them link to.
 */
function linkedRelevance(parts: { node: Candidate['node']; text: number; match: TermMatch }[]): Map<string, number> {
  const relevance = new Map(parts.filter(({ match }) => match.all).map(({ node, text }) => [node.id, Math.min(1, text)]));
  const linked = new Map<string, number>();
  const add = (id: string, value: number): void => {
    if (value > 0) linked.set(id, (linked.get(id) ?? 0) + value);
  };
  for (const { node } of parts) {
    for (const id of node.texts?.searchLinks ?? []) {
      add(node.id, relevance.get(id) ?? 0);
      add(id, relevance.get(node.id) ?? 0);
    }
  }
  return linked;
}

/**
 * Ranks the candidates of one plan: best first, at most `first`, ties by name then id.
 *
 * A search of some kinds ranks the candidates of every kind that the unrestricted probes found and keeps its kinds
 * after, so that it orders them as the search of every kind does: entities of other kinds count for the ranking
 * (the task a model performs gives it its links score; the best words score is the share every other is taken of).
 * When fewer than `first` of its kinds are among them, the probes restricted to its kinds found more (the
 * plan's `fill`); those follow, ranked with every candidate, so that the first hits do not depend on how many are asked
 * for.
 */
export function rankCandidates(plan: SearchPlan, candidates: Candidate[]): RankedHit[] {
  const kinds = plan.request.kinds;
  if (kinds === null) return rankAll(plan, candidates).slice(0, plan.request.first);
  const probed = plan.request.probes.length;
  const unrestricted = candidates
    .map((candidate) => ({ ...candidate, scores: candidate.scores.filter(([position]) => position >= NEAR && position < probed) }))
    .filter(({ scores }) => scores.length > 0);
  const kept = (hits: RankedHit[]): RankedHit[] => hits.filter(({ node }) => kinds.includes(node.label));
  const ranked = kept(rankAll(plan, unrestricted));
  if (ranked.length < plan.request.first && unrestricted.length < candidates.length) {
    const ids = new Set(ranked.map(({ node }) => node.id));
    ranked.push(...kept(rankAll(plan, candidates)).filter(({ node }) => !ids.has(node.id)));
  }
  return ranked.slice(0, plan.request.first);
}

/** Every candidate ranked, best first, ties by name then id. */
function rankAll(plan: SearchPlan, candidates: Candidate[]): RankedHit[] {
  const words = candidates.map((candidate) => probeScore(plan, candidate, 'words'));
  const topText = Math.max(0, ...words);
  const parts = candidates.flatMap((candidate, i) => {
    const key = keyScore(plan, candidate);
    // A candidate only the near-miss probes found, and that is no near miss of the text (see nearEdits), is left out.
    if (key === null && candidate.scores.every(([position]) => isNear(position))) return [];
    const texts = { name: candidate.node.name, aliases: candidate.node.aliases, ...candidate.node.texts };
    const match = matchTerms(plan.terms, texts, plan.kindTerms[candidate.node.label]);
    return [{ node: candidate.node, key, text: topText > 0 ? words[i]! / topText : 0, match }];
  });
  const linked = linkedRelevance(parts);
  const several = plan.terms.length > 1;
  const ranked = parts.map(({ node, key, text, match }) => {
    const literal = [node.name, node.id, ...(node.aliases ?? [])].some((name) => name.toLowerCase() === plan.text);
    const score =
      (key?.score ?? 0) +
      (literal ? SEARCH_WEIGHTS.literal : 0) +
      (match.allInNames ? SEARCH_WEIGHTS.names : 0) +
      SEARCH_WEIGHTS.nameShare * match.nameShare +
      (several && match.all ? SEARCH_WEIGHTS.allWords : 0) +
      (several && match.phrase ? SEARCH_WEIGHTS.phrase : 0) +
      (match.allInTopics ? SEARCH_WEIGHTS.topic : 0) +
      SEARCH_WEIGHTS.text * Math.min(1, text / TEXT_SATURATION) +
      SEARCH_WEIGHTS.links * Math.min(1, (linked.get(node.id) ?? 0) / LINKS_SATURATION) +
      SEARCH_WEIGHTS.popularity * Math.log(1 + Math.min(node.degree, MAX_DEGREE));
    return { node, score, exact: key?.exact ?? false, matchedOn: key?.on ?? wordsMatchedOn(match) };
  });
  ranked.sort((a, b) => b.score - a.score || compareNames(a.node, b.node));
  return ranked.map(({ node, score, exact, matchedOn }) => ({ node: toRow(node), score, exact, matchedOn }));
}

function compareNames(a: Candidate['node'], b: Candidate['node']): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A compact entity row (id, name, aliases, label): other fields are loaded when a request asks for them. */
function toRow({ id, name, aliases, label }: Candidate['node']): EntityRow {
  return { id, name, aliases: aliases ?? [], label, compact: true } as EntityRow;
}

/** The parameters of the search statement for these plans (the benchmark's floor and peer send the same). */
export function searchParams(plans: SearchPlan[]): Record<string, unknown> {
  return { requests: plans.map((plan) => plan.request), few: FEW };
}

/** A candidate as a list, in the order of the statement's columns (see cypher/queries/search.cypher). */
type CandidateTuple = [
  id: string,
  name: string,
  aliases: string[] | null,
  searchKeys: string[] | null,
  label: EntityLabel,
  degree: number,
  scores: [number, number][],
  texts: [description: string | null, paperTitle: string | null, topics: string[] | null, searchLinks: string[] | null] | null,
];

function toCandidate([id, name, aliases, searchKeys, label, degree, scores, texts]: CandidateTuple): Candidate {
  const searched = texts && { description: texts[0], paperTitle: texts[1], topics: texts[2], searchLinks: texts[3] };
  return { node: { id, name, aliases, searchKeys, label, degree, texts: searched }, scores };
}

/** The candidates of each request, from the statement's rows. */
export function candidatesByRequest(rows: Record<string, unknown>[]): Map<number, Candidate[]> {
  return new Map(rows.map((row) => [Number(row['request']), (row['candidates'] as CandidateTuple[]).map(toCandidate)]));
}

/** Runs the plans in one round trip; the ranked hits of each, in the order of `plans` (none for a null). */
export async function runSearches(reader: Reader, plans: (SearchPlan | null)[]): Promise<RankedHit[][]> {
  const asked = plans.filter((plan) => plan !== null);
  if (asked.length === 0) return plans.map(() => []);
  const byRequest = candidatesByRequest(await reader.read(cypherQuery('search'), searchParams(asked)));
  return plans.map((plan) => (plan === null ? [] : rankCandidates(plan, byRequest.get(plan.request.index) ?? [])));
}

export async function searchEntities(
  reader: Reader,
  text: string,
  first: number,
  labels: readonly EntityLabel[] | null,
): Promise<SearchHitRow[]> {
  if (first === 0) return [];
  const [hits = []] = await runSearches(reader, [searchPlan(0, text, { first, labels, words: true })]);
  return hits;
}

/** Near misses returned with each resolution. */
export const RESOLVE_CANDIDATES = 3;

/**
 * The entity each name stands for: the best hit when its key is exactly the entity's (name, alias or id), else
 * none; the other close matches as candidates. One round trip for all names.
 */
export async function resolveNames(
  reader: Reader,
  names: string[],
  labels: readonly EntityLabel[] | null,
): Promise<ResolutionRow[]> {
  const plans = names.map((name, index) => searchPlan(index, name, { first: RESOLVE_CANDIDATES + 1, labels, words: false }));
  const results = await runSearches(reader, plans);
  return names.map((input, index) => {
    const hits = results[index] ?? [];
    const best = hits[0]?.exact ? hits[0] : null;
    const candidates = (best ? hits.slice(1) : hits).slice(0, RESOLVE_CANDIDATES);
    return { input, node: best?.node ?? null, candidates: candidates.map(({ node, score, matchedOn }) => ({ node, score, matchedOn })) };
  });
}

/** The shortest key that may be the start of a name, not only the whole of it. */
const MIN_START = 3;

/** The shortest key that may be a near miss of the start of a name, not only of the whole of it. */
const MIN_NEAR_START = 6;

/**
 * The fewest edits from `key` to a start of `candidate` (the whole of it included): an id is often a name typed
 * without its version (`alfafold` is 3 edits from AlphaFold 2's key `alphafold2`, 2 from its start `alphafold`).
 */
function prefixEdits(key: string, candidate: string, edits: number): number {
  let fewest = Infinity;
  const longest = Math.min(candidate.length, key.length + edits);
  for (let length = Math.max(0, key.length - edits); length <= longest; length++) {
    fewest = Math.min(fewest, editDistance(key, candidate.slice(0, length), edits));
  }
  return fewest;
}

/**
 * Whether an entity's keys (those of its name, id and aliases) are `key` or start with it, give or take the edits a
 * near miss of it may have: a hit for the whole text, not for a near miss of one of its words (`nope` is 2 edits from the
 * word `note`, which makes a search for it find "Clinical note ... summarization", no id anyone meant by it).
 */
function keyNear(key: string, node: EntityRow): boolean {
  const edits = fuzzyEdits(key);
  // A short key an edit away from the start of a long name is no hint of it: "test" is 1 edit from "text-guided ...";
  // nor is a letter or two the start of one: "a" starts hundreds of names.
  const startEdits = key.length >= MIN_NEAR_START ? edits : 0;
  return [node.name, node.id, ...(node.aliases ?? [])].some((text) => {
    const candidate = searchKey(text);
    if (editDistance(key, candidate, edits) <= edits) return true;
    return key.length >= MIN_START && prefixEdits(key, candidate, startEdits) <= startEdits;
  });
}

/**
 * The entity each text names or most nearly names as a whole, among `labels` (null: every kind): what an id that
 * names nothing was probably meant as; null when none is near. One round trip for all texts.
 */
export async function nearestEntities(
  reader: Reader,
  asks: readonly { text: string; labels: readonly EntityLabel[] | null }[],
): Promise<(EntityRow | null)[]> {
  // As many hits as resolve asks for: the nearest is among those resolve would offer.
  const plans = asks.map(({ text, labels }, index) => searchPlan(index, text, { first: RESOLVE_CANDIDATES + 1, labels, words: false }));
  const hits = await runSearches(reader, plans);
  return hits.map((ranked, index) => ranked.find(({ node }) => keyNear(searchKey(asks[index]!.text), node))?.node ?? null);
}
