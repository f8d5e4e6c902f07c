/** Full-text search over the entity_text index. */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { EntityRow, SearchHitRow } from './rows.js';

// Lucene's query syntax characters; escaped so that user text is only ever searched for, never parsed as syntax.
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
// Lucene refuses prefix queries on very long terms ("automaton is too large"); no real word is this long.
const MAX_WORD_LENGTH = 64;
const MAX_WORDS = 32;

/**
 * A Lucene query for free text: each word matches exactly (boosted) or as a prefix, any word may match.
 * Returns null when the text has no searchable word.
 */
export function toLuceneQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((word) => word.slice(0, MAX_WORD_LENGTH).replace(LUCENE_SPECIAL, (ch) => `\\${ch}`))
    // Lucene's boolean operators are words; lowercase ones are plain terms.
    .map((word) => (['AND', 'OR', 'NOT', 'TO'].includes(word) ? word.toLowerCase() : word))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return words.map((word) => `(${word}^2 OR ${word}*)`).join(' ');
}

export async function searchEntities(reader: Reader, text: string, first: number): Promise<SearchHitRow[]> {
  const query = toLuceneQuery(text);
  if (query === null || first === 0) return [];
  const rows = await reader.read(cypherQuery('search'), { query, first });
  return rows.map((row) => ({ node: row['node'] as unknown as EntityRow, score: Number(row['score']) }));
}
