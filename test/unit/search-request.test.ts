import { describe, expect, it } from 'vitest';
import { fuzzyEdits, searchKey, searchRequest, searchWords } from '../../src/db/search.js';

const request = (text: string, labels: ('Model' | 'Task')[] | null = null) =>
  searchRequest(0, text, { first: 10, labels, words: true });

describe('searchKey', () => {
  it('gives spellings that differ in case, spaces and punctuation the same key', () => {
    expect(new Set(['ESM-2', 'esm2', 'ESM 2', 'esm-2', ' Esm_2! '].map(searchKey))).toEqual(new Set(['esm2']));
  });

  it('folds accents and drops what is not a letter a-z or a digit', () => {
    expect(searchKey('Charité – Universitätsmedizin')).toBe('chariteuniversitatsmedizin');
    expect(searchKey('PanGu-α')).toBe('pangu');
  });
});

describe('searchWords', () => {
  it('splits at anything but letters and digits, lowercases and folds accents', () => {
    expect(searchWords('Single-cell RNA (Galén)')).toEqual(['single', 'cell', 'rna', 'galen']);
  });

  it('leaves no Lucene syntax and no operator words', () => {
    expect(searchWords('a:b AND "c*" OR ~d^2 \\ NOT')).toEqual(['a', 'b', 'and', 'c', 'or', 'd', '2', 'not']);
  });

  it('cuts long words and long texts', () => {
    expect(searchWords('a'.repeat(10_000))).toEqual(['a'.repeat(64)]);
    expect(searchWords('w '.repeat(100))).toHaveLength(32);
  });
});

describe('fuzzyEdits', () => {
  it('allows no edit below 3 characters, 1 up to 5, 2 above, none for keys too long for Lucene', () => {
    expect(['ab', 'abc', 'abcde', 'abcdef', 'a'.repeat(64), 'a'.repeat(65)].map(fuzzyEdits)).toEqual([0, 1, 1, 2, 2, 0]);
  });
});

describe('searchRequest', () => {
  it('looks the key up exactly and as a prefix, and fuzzily', () => {
    expect(request('ESM-2')).toMatchObject({ keyQuery: 'searchKeys:esm2*', fuzzyQuery: 'searchKeys:esm2~1' });
    expect(request('Genformer')).toMatchObject({ keyQuery: 'searchKeys:genformer*', fuzzyQuery: 'searchKeys:genformer~2' });
  });

  it('looks a very long key up exactly only, and one longer than any name not at all', () => {
    expect(request('x'.repeat(100))).toMatchObject({ keyQuery: `searchKeys:${'x'.repeat(100)}`, fuzzyQuery: null });
    expect(request('x'.repeat(300))?.keyQuery).toBeNull();
  });

  it('scores each word, all words and the phrase in every field, and the last word as a prefix', () => {
    const name = request('single cell')?.words.find((probe) => probe.on === 'name')?.query;
    expect(name).toBe(
      '(name:single name:cell name:"single cell"^4 (+name:single +name:cell)^2 name:cell*) ' +
        '(foldedName:single foldedName:cell foldedName:"single cell"^4 (+foldedName:single +foldedName:cell)^2 foldedName:cell*)',
    );
  });

  it('weighs names and aliases above descriptions', () => {
    const weights = Object.fromEntries(request('cells')!.words.map((probe) => [probe.on, probe.weight]));
    expect(weights['name']).toBeGreaterThan(weights['description']!);
    expect(weights['alias']).toBeGreaterThan(weights['description']!);
  });

  it('looks for every word among the topics, and anywhere, with a bonus for the latter only for several words', () => {
    expect(request('single cell')).toMatchObject({ topicQuery: '+(topics:single) +(topics:cell)', coverBonus: 1.5 });
    expect(request('single cell')?.coverQuery).toMatch(/^\+\(name:single .*topics:single\) \+\(name:cell .*topics:cell\)$/);
    expect(request('cells')?.coverBonus).toBe(0);
  });

  it('restricts every probe to the given labels', () => {
    const probes = request('esm', ['Model', 'Task'])!;
    const queries = [probes.keyQuery, probes.fuzzyQuery, probes.topicQuery, probes.coverQuery, ...probes.words.map((p) => p.query)];
    for (const query of queries) expect(query).toMatch(/^\+\(.*\) \+searchKind:\(Model Task\)$/);
  });

  it('skips fuzzy matching for short keys and word matching when resolving', () => {
    expect(request('ab')?.fuzzyQuery).toBeNull();
    expect(searchRequest(0, 'Geneformer', { first: 4, labels: null, words: false })).toMatchObject({
      words: [],
      topicQuery: null,
      coverQuery: null,
    });
  });

  it('returns null when the text has nothing to search for', () => {
    expect(request('*** ???')).toBeNull();
  });
});
