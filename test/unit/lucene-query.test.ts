import { describe, expect, it } from 'vitest';
import { toLuceneQuery } from '../../src/db/search.js';

describe('toLuceneQuery', () => {
  it('matches each word exactly (boosted) or as a prefix', () => {
    expect(toLuceneQuery('protein language')).toBe('(protein^2 OR protein*) (language^2 OR language*)');
  });

  it('escapes Lucene syntax so user text is only searched for', () => {
    expect(toLuceneQuery('ESM-2 (a:b)')).toBe('(ESM\\-2^2 OR ESM\\-2*) (\\(a\\:b\\)^2 OR \\(a\\:b\\)*)');
  });

  it('treats boolean operator words as plain terms', () => {
    expect(toLuceneQuery('AND')).toBe('(and^2 OR and*)');
  });

  it('cuts very long words, which Lucene cannot expand as prefixes', () => {
    expect(toLuceneQuery('a'.repeat(10_000))).toBe(`(${'a'.repeat(64)}^2 OR ${'a'.repeat(64)}*)`);
  });

  it('returns null when nothing searchable is left', () => {
    expect(toLuceneQuery('*** ???')).toBeNull();
  });
});
