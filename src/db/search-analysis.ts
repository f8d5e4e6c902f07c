/**
 * The words of a search as the full-text index sees them, so that the ranking can tell, for every candidate, which
 * words it holds and where, and whether it holds them as a phrase (a full-text probe only says how well a
 * candidate scored, and only for the best of that probe).
 *
 * It analyses like the `english` analyzer of the entity_fulltext index (cypher/schema/02-indexes.cypher): words of
 * letters and digits, lowercased, accents folded (the index's folded copies), a possessive `'s` dropped, stop
 * words left out, and the rest reduced to their Porter stem (`cells` and `cell` are `cell`, `pathology` and
 * `pathological` are `patholog`).
 */
import { stemmer } from 'stemmer';
import { editDistance, MAX_NEAR_EDITS } from './edit-distance.js';

/**
 * Words that say nothing about what is searched for, so an entity need not hold them: Lucene's English stop words
 * (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, which the index drops) and the rest of Snowball's English list.
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other ' +
    'ought our ours ourselves out over own same she should so some such than that the their theirs them themselves then ' +
    'there these they this those through to too under until up very was we were what when where which while who whom why ' +
    'will with would you your yours yourself yourselves'
  ).split(' '),
);
/** The last word of a text matches the beginning of a word from this many characters (it may still be typed). */
const MIN_PREFIX = 3;
/** Analysed texts kept: the graph's names, descriptions, titles and topics repeat from one search to the next. */
const CACHE_SIZE = 50_000;
/** Terms told apart by matchTerms (bits of a mask). */
const MAX_TERMS = 30;

/** A word of an analysed text: as written (lowercased, folded) and its stem. */
interface Token {
  raw: string;
  stem: string;
}

/** A word of the searched text. */
export interface Term extends Token {
  /** True for the last word: it also matches words it begins (`protei` finds protein). */
  prefix: boolean;
}

/** An analysed text: its words in order, and their stems as a set (most terms are looked up, not scanned for). */
interface Analysed {
  tokens: Token[];
  stems: Set<string>;
}

const analysed = new Map<string, Analysed>();

function analyse(text: string): Analysed {
  const cached = analysed.get(text);
  if (cached) return cached;
  const tokens = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word))
    .map((raw) => ({ raw, stem: stemmer(raw) }));
  const result = { tokens, stems: new Set(tokens.map((token) => token.stem)) };
  if (analysed.size >= CACHE_SIZE) analysed.clear();
  analysed.set(text, result);
  return result;
}

/** The words of a text that are not stop words, or all of them when all are (`the who`). */
export function contentWords(words: string[]): string[] {
  const content = words.filter((word) => !STOP_WORDS.has(word));
  return content.length > 0 ? content : words;
}

/** The terms of the searched words (as searchWords gives them): stop words left out, the last one a prefix too. */
export function searchTerms(words: string[]): Term[] {
  const terms = words.filter((word) => !STOP_WORDS.has(word)).map((raw) => ({ raw, stem: stemmer(raw), prefix: false }));
  const last = terms[terms.length - 1];
  if (last && words[words.length - 1] === last.raw && last.raw.length >= MIN_PREFIX) last.prefix = true;
  return terms;
}

function matches(term: Term, token: Token): boolean {
  return token.stem === term.stem || (term.prefix && token.raw.startsWith(term.raw));
}

const joinedStems = new Map<string, string>();

/**
 * Two terms written as one word, as a text's word would be stemmed: names are often compounds that people type
 * apart (`alpha fold` is AlphaFold, `deep sea` DeepSEA), and such a word holds both terms, in a row.
 */
function joinedStem(first: Term, second: Term): string {
  const raw = first.raw + second.raw;
  let stem = joinedStems.get(raw);
  if (stem === undefined) {
    stem = stemmer(raw);
    if (joinedStems.size >= CACHE_SIZE) joinedStems.clear();
    joinedStems.set(raw, stem);
  }
  return stem;
}

/** Where an entity's text holds the terms. */
export interface TermMatch {
  /** Per field, whether it holds at least one of the terms. */
  name: boolean;
  alias: boolean;
  description: boolean;
  paper: boolean;
  topic: boolean;
  /** Every term is somewhere in its text, or said by its kind. */
  all: boolean;
  /** Every term is in its name or its aliases. */
  allInNames: boolean;
  /** The largest share of the words of its name or of an alias that are terms (`imaging`: 1/2 of Medical Imaging). */
  nameShare: number;
  /** Every term is among its topics, or said by its kind. */
  allInTopics: boolean;
  /**
   * Some name, alias, description, title or topic holds the terms one after the other (several terms only), or
   * those its kind does not say (`pathology` of `pathology foundation model` for a model).
   */
  phrase: boolean;
}

/** The texts of an entity that search looks at. */
export interface SearchedTexts {
  name: string;
  aliases?: string[] | null;
  description?: string | null;
  paperTitle?: string | null;
  topics?: string[] | null;
}

interface Scan {
  /** Bit i for term i. */
  held: number;
  /** Whether it holds the terms in a row. */
  phrase: boolean;
  /** The share of its words that are terms (whole words: an unfinished last word does not count). */
  share: number;
}

function holds(term: Term, text: Analysed): boolean {
  return text.stems.has(term.stem) || (term.prefix && text.tokens.some((token) => token.raw.startsWith(term.raw)));
}

/** The terms a text holds (bit t for term t), a word that is two of them written as one holding both. */
function heldTerms(terms: Term[], text: Analysed): number {
  let held = 0;
  terms.forEach((term, t) => {
    if (holds(term, text)) held |= 1 << t;
    const next = terms[t + 1];
    if (next && text.stems.has(joinedStem(term, next))) held |= 3 << t;
  });
  return held;
}

/** Whether the text's words hold the terms one after the other (two of them may be one word). */
function inRow(terms: Term[], tokens: Token[]): boolean {
  const from = (t: number, i: number): boolean => {
    if (t === terms.length) return true;
    const token = tokens[i];
    if (token === undefined) return false;
    const next = terms[t + 1];
    return (
      (matches(terms[t]!, token) && from(t + 1, i + 1)) ||
      (next !== undefined && token.stem === joinedStem(terms[t]!, next) && from(t + 2, i + 1))
    );
  };
  return tokens.some((_, i) => from(0, i));
}

/**
 * Which terms a text holds, whether in a row (all the terms, or the `rest` of them that the entity's kind does not
 * say, as bit mask and terms: one of them is in a row when held), and (for names, `share`) how much of it they are.
 */
function scan(terms: Term[], value: string, share: boolean, rest: { mask: number; terms: Term[] } | null): Scan {
  const text = analyse(value);
  const held = heldTerms(terms, text);
  const { tokens } = text;
  // The terms in a row: only worth looking for when the text holds every one.
  const phrase =
    (terms.length > 1 && held === (1 << terms.length) - 1 && inRow(terms, tokens)) ||
    (rest !== null && (held & rest.mask) === rest.mask && inRow(rest.terms, tokens));
  const stems = share ? new Set(terms.flatMap((term, t) => [term.stem, ...terms.slice(t + 1, t + 2).map((next) => joinedStem(term, next))])) : null;
  const matched = stems ? tokens.filter((token) => stems.has(token.stem)).length : 0;
  return { held, phrase, share: tokens.length > 0 ? matched / tokens.length : 0 };
}

/** Whether term `position` is in a mask of phraseMask. */
export function inMask(mask: number, position: number): boolean {
  return position < MAX_TERMS && ((mask >> position) & 1) === 1;
}

/**
 * Where the terms hold `words` one after the other (`foundation model`), as a bit mask of those terms' positions
 * (of the first MAX_TERMS terms): what the search's text says of the kind of thing it looks for.
 */
export function phraseMask(terms: Term[], words: string): number {
  const stems = analyse(words).tokens.map((token) => token.stem);
  const counted = terms.slice(0, MAX_TERMS);
  let mask = 0;
  counted.forEach((_, i) => {
    if (i + stems.length <= counted.length && stems.every((stem, s) => counted[i + s]!.stem === stem)) {
      stems.forEach((_, s) => (mask |= 1 << (i + s)));
    }
  });
  return mask;
}

/**
 * Where the entity holds the terms (at most MAX_TERMS are told apart: searchWords keeps 32 words). `given`: the
 * terms its kind says (bit mask, see phraseMask): an entity of that kind holds them without saying them (every
 * model is a foundation model), as long as other terms remain for it to hold.
 */
export function matchTerms(terms: Term[], texts: SearchedTexts, given = 0): TermMatch {
  const counted = terms.slice(0, MAX_TERMS);
  const every = (1 << counted.length) - 1;
  const kind = (given & every) === every ? 0 : given & every;
  const rest = kind === 0 ? null : { mask: every & ~kind, terms: counted.filter((_, t) => !inMask(kind, t)) };
  const field = (values: (string | null | undefined)[], share = false): Scan =>
    values.reduce<Scan>(
      (sum, value) => {
        if (!value) return sum;
        const one = scan(counted, value, share, rest);
        return { held: sum.held | one.held, phrase: sum.phrase || one.phrase, share: Math.max(sum.share, one.share) };
      },
      { held: 0, phrase: false, share: 0 },
    );
  const name = field([texts.name], true);
  const alias = field(texts.aliases ?? [], true);
  const description = field([texts.description]);
  const paper = field([texts.paperTitle]);
  const topic = field(texts.topics ?? []);
  const parts = [name, alias, description, paper, topic];
  return {
    name: name.held !== 0,
    alias: alias.held !== 0,
    description: description.held !== 0,
    paper: paper.held !== 0,
    topic: topic.held !== 0,
    all: counted.length > 0 && (parts.reduce((held, part) => held | part.held, 0) | kind) === every,
    allInNames: counted.length > 0 && (name.held | alias.held) === every,
    nameShare: Math.max(name.share, alias.share),
    allInTopics: counted.length > 0 && (topic.held | kind) === every,
    phrase: parts.some((part) => part.phrase),
  };
}

/**
 * For each searched word (as written, lowercased and folded), the fewest edits to a word of the names (`alfafold`
 * is 2 edits from `alphafold` in AlphaFold 2), MAX_NEAR_EDITS + 1 for any more; Infinity when the names have no word.
 */
export function nameWordEdits(words: string[], names: string[]): number[] {
  const written = names.flatMap((name) => analyse(name).tokens.map((token) => token.raw));
  return words.map((word) => Math.min(...written.map((other) => editDistance(word, other, MAX_NEAR_EDITS))));
}
