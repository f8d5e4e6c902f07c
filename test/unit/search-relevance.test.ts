import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRelevance, loadRelevanceSet } from '../../src/eval/search-relevance.js';

function setFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'relevance-')), 'set.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('loadRelevanceSet', () => {
  it('reads the queries of a set', () => {
    const query = { category: 'name', query: 'ESM-2', k: 1, expect: ['esm-2'] };
    expect(loadRelevanceSet(setFile({ queries: [query] }))).toEqual([query]);
  });

  it('names a malformed query', () => {
    const file = setFile({ queries: [{ category: 'name', query: 'ESM-2', k: 1, expect: ['esm-2'] }, { query: 'x', k: 0, expect: [] }] });
    expect(() => loadRelevanceSet(file)).toThrow(/query 2 is malformed/);
    expect(() => loadRelevanceSet(setFile({ items: [] }))).toThrow(/expected \{"queries": \[\.\.\.\]\}/);
  });
});

describe('formatRelevance', () => {
  it('prints the pass rate, each category and each miss with what came back instead', () => {
    const text = formatRelevance({
      total: 2,
      passed: 1,
      passRate: 0.5,
      byCategory: { name: [1, 1], typo: [0, 1] },
      misses: [{ query: { category: 'typo', query: 'genformer', k: 3, expect: ['geneformer'] }, missing: ['geneformer'], got: ['enformer'] }],
    });
    expect(text).toBe(
      [
        'search relevance: 1/2 queries pass (50.0%; required 90.0%)',
        '  name           1/1',
        '  typo           0/1',
        'misses:',
        '  "genformer" (typo): geneformer not in the top 3: enformer',
      ].join('\n'),
    );
  });
});
