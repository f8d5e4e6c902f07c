/**
 * Search and name resolution: turns user text into index probes (a key, Lucene queries over keys and words) and
 * runs them, for one text or many, in one Cypher statement (cypher/queries/search.cypher).
 *
 * A hit's score adds up:
 * - its key: the text's key (lowercase letters and digits only: `ESM-2`, `esm 2` and `esm2` all give `esm2`) equal
 *   to the entity's name, alias or id key scores `exact`, above anything else can add up to, plus `literal` when
 *   the text is the name, an alias or the id apart from case (`BioT5` before `BioT5+`, whose key is the same); a
 *   prefix of one of its keys scores up to `prefix`, the more of that key it covers the more (`esm` is 3/4 of
 *   `esm2`); a near miss (edit distance 1 for keys of 3 to 5 characters, 2 for longer ones) scores up to `fuzzy`,
 *   and is looked for only when fewer than FEW entities match the key and fewer than FEW hold every word;
 * - its words, stemmed and folded by the analyzer, in names and aliases (weighted well above descriptions) and in
 *   descriptions: per field each word, all the words together and the words as a phrase, and the last word as a
 *   prefix (the user may still be typing it); scaled so that the best text match scores `text`;
 * - flat bonuses: `topic` when every word is among the entity's topics (its tasks and kinds of data), `allWords`
 *   when a text of several words has every word somewhere in the entity;
 * - `popularity` times the log of its number of relationships (capped), which orders the many models a short
 *   prefix or a common word matches.
 * `matchedOn` is where the key matched, or else the field whose words scored most, or else `topic`.
 */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { EntityLabel, MatchedOn, ResolutionRow, SearchHitRow } from './rows.js';

/** Weights of the parts of a score (see the module comment). */
export const SEARCH_WEIGHTS = { exact: 10, literal: 1, prefix: 3, fuzzy: 2, text: 4, topic: 1, allWords: 1.5, popularity: 0.5 } as const;
/** Weight of a word match by field: names well above descriptions. */
const FIELD_WEIGHTS = { name: 3, alias: 3, description: 1 } as const;
/** Boosts inside one field: the words as a phrase, and all words present, over any one word. */
const PHRASE_BOOST = 4;
const ALL_WORDS_BOOST = 2;
/** Degrees above this count as this much popularity: hubs such as domains would otherwise top every list. */
const MAX_DEGREE = 30;
/** Near misses are looked for only when fewer entities than this match the key and hold every word. */
const FEW = 3;
/** Most hits read from an index per probe; enough for the largest page and what ranks above it. */
const POOL = 50;
// Lucene refuses prefix and fuzzy queries on very long terms ("automaton is too large"); no real name is this long.
const MAX_AUTOMATON_KEY = 64;
// A key longer than any entity's matches nothing; checking it costs a probe for nothing.
const MAX_KEY = 256;
const MAX_WORD_LENGTH = 64;
const MAX_WORDS = 32;

interface WordProbe {
  on: MatchedOn;
  query: string;
  weight: number;
}

/** One search or resolution as the search statement takes it (null queries are not run). */
export interface SearchRequest {
  index: number;
  /** The text in lowercase, for the literal bonus. */
  text: string;
  key: string;
  first: number;
  keyQuery: string | null;
  fuzzyQuery: string | null;
  words: WordProbe[];
  topicQuery: string | null;
  /** Entities with every word somewhere; they earn coverBonus (0 for a single word). */
  coverQuery: string | null;
  coverBonus: number;
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

/** Lucene's edit distance for fuzzy matching of a key: none below 3 characters, 1 up to 5, else 2. */
export function fuzzyEdits(key: string): 0 | 1 | 2 {
  if (key.length < 3 || key.length > MAX_AUTOMATON_KEY) return 0;
  return key.length <= 5 ? 1 : 2;
}

/** Restricts a Lucene query to entities of the given labels (label names come from the EntityKind allow-list). */
function ofLabels(query: string, labels: readonly EntityLabel[] | null): string {
  return labels === null ? query : `+(${query}) +searchKind:(${labels.join(' ')})`;
}

/** The words of one field: each word, all words (boosted), the phrase (boosted more), the last word as a prefix. */
function fieldQuery(field: string, words: string[]): string {
  const clauses = words.map((word) => `${field}:${word}`);
  if (words.length > 1) {
    clauses.push(`${field}:"${words.join(' ')}"^${String(PHRASE_BOOST)}`);
    clauses.push(`(${words.map((word) => `+${field}:${word}`).join(' ')})^${String(ALL_WORDS_BOOST)}`);
  }
  const last = words[words.length - 1]!;
  if (last.length >= 3) clauses.push(`${field}:${last}*`);
  return clauses.join(' ');
}

// Each searched text is indexed as written and, where folding accents changes it, folded (the derived copies).
const WORD_FIELDS: { on: MatchedOn; fields: string[]; weight: number }[] = [
  { on: 'name', fields: ['name', 'foldedName'], weight: FIELD_WEIGHTS.name },
  { on: 'alias', fields: ['aliases', 'foldedAliases'], weight: FIELD_WEIGHTS.alias },
  { on: 'description', fields: ['description', 'foldedDescription'], weight: FIELD_WEIGHTS.description },
];
const TOPIC_FIELD = 'topics';
const ALL_FIELDS = [...WORD_FIELDS.flatMap(({ fields }) => fields), TOPIC_FIELD];

/** Every word in one of `fields` (a word may be in one field, the next in another). */
function everyWord(words: string[], fields: string[]): string {
  return words.map((word) => `+(${fields.map((field) => `${field}:${word}`).join(' ')})`).join(' ');
}

export interface RequestOptions {
  first: number;
  labels: readonly EntityLabel[] | null;
  /** Whether the words of the text are searched too (search), or only its key (resolve). */
  words: boolean;
}

/** The probes of one text; null when the text has neither a key nor a word to search for. */
export function searchRequest(index: number, text: string, options: RequestOptions): SearchRequest | null {
  const key = searchKey(text);
  const words = options.words ? searchWords(text) : [];
  if (key.length === 0 && words.length === 0) return null;
  const restrict = (query: string): string => ofLabels(query, options.labels);
  // A prefix query matches the exact key too; very long keys are looked up exactly only.
  const keyTerm = key.length <= MAX_AUTOMATON_KEY ? `${key}*` : key;
  const edits = fuzzyEdits(key);
  const hasWords = words.length > 0;
  return {
    index,
    text: text.trim().toLowerCase(),
    key,
    first: options.first,
    keyQuery: key.length > 0 && key.length <= MAX_KEY ? restrict(`searchKeys:${keyTerm}`) : null,
    fuzzyQuery: edits === 0 ? null : restrict(`searchKeys:${key}~${String(edits)}`),
    words: hasWords
      ? WORD_FIELDS.map(({ on, fields, weight }) => ({
          on,
          weight,
          query: restrict(fields.map((field) => `(${fieldQuery(field, words)})`).join(' ')),
        }))
      : [],
    topicQuery: hasWords ? restrict(everyWord(words, [TOPIC_FIELD])) : null,
    coverQuery: hasWords ? restrict(everyWord(words, ALL_FIELDS)) : null,
    coverBonus: words.length > 1 ? SEARCH_WEIGHTS.allWords : 0,
  };
}

export interface RankedHit extends SearchHitRow {
  /** True when the text's key equals the entity's name, alias or id key. */
  exact: boolean;
}

/** The parameters of the search statement for these requests (the benchmark's floor and peer send the same). */
export function searchParams(requests: SearchRequest[]): Record<string, unknown> {
  return { requests, weights: SEARCH_WEIGHTS, pool: POOL, few: FEW, maxDegree: MAX_DEGREE };
}

/** Runs the requests in one round trip; the hits of each, in the order of `requests` (none for a null). */
export async function runSearches(reader: Reader, requests: (SearchRequest | null)[]): Promise<RankedHit[][]> {
  const asked = requests.filter((request) => request !== null);
  if (asked.length === 0) return requests.map(() => []);
  const rows = await reader.read(cypherQuery('search'), searchParams(asked));
  const byIndex = new Map(rows.map((row) => [Number(row['index']), row['hits'] as unknown as RankedHit[]]));
  return requests.map((request) => (request === null ? [] : (byIndex.get(request.index) ?? [])));
}

export async function searchEntities(
  reader: Reader,
  text: string,
  first: number,
  labels: readonly EntityLabel[] | null,
): Promise<SearchHitRow[]> {
  if (first === 0) return [];
  const [hits = []] = await runSearches(reader, [searchRequest(0, text, { first, labels, words: true })]);
  return hits;
}

/** Near misses returned with each resolution. */
export const RESOLVE_CANDIDATES = 3;

/**
 * The best name, alias or id match of each name: convincing only when its key is exactly the entity's; the
 * other close matches as candidates. One round trip for all names.
 */
export async function resolveNames(
  reader: Reader,
  names: string[],
  labels: readonly EntityLabel[] | null,
): Promise<ResolutionRow[]> {
  const requests = names.map((name, index) =>
    searchRequest(index, name, { first: RESOLVE_CANDIDATES + 1, labels, words: false }),
  );
  const results = await runSearches(reader, requests);
  return names.map((input, index) => {
    const hits = results[index] ?? [];
    const best = hits[0]?.exact ? hits[0] : null;
    const candidates = (best ? hits.slice(1) : hits).slice(0, RESOLVE_CANDIDATES);
    return { input, node: best?.node ?? null, candidates: candidates.map(({ node, score, matchedOn }) => ({ node, score, matchedOn })) };
  });
}
