import { describe, expect, it } from 'vitest';
import { fuzzyEdits, rankCandidates, searchKey, searchPlan, searchWords, type Candidate } from '../../src/db/search.js';

const plan = (text: string, labels: ('Model' | 'Task')[] | null = null) => searchPlan(0, text, { first: 10, labels, words: true });
const probe = (text: string, position: number): string | undefined => plan(text)?.request.probes[position]?.query;

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

describe('searchPlan', () => {
  it('looks the key up exactly (boosted) and as a prefix, and plans its near misses', () => {
    expect(plan('ESM-2')?.request).toMatchObject({ keyProbe: 0, fuzzyQuery: 'searchKeys:esm2~1' });
    expect(probe('ESM-2', 0)).toBe('searchKeys:esm2^2 searchKeys:esm2*');
    expect(plan('Genformer')?.request.fuzzyQuery).toBe('searchKeys:genformer~2');
  });

  it('looks a very long key up exactly only, and one longer than any name not at all', () => {
    expect(probe('x'.repeat(100), 0)).toBe(`searchKeys:${'x'.repeat(100)}`);
    expect(plan('x'.repeat(100))?.request.fuzzyQuery).toBeNull();
    expect(plan('x'.repeat(300))?.request.keyProbe).toBeNull();
  });

  it('scores each word, all words and the phrase in every field, and the last word as a prefix', () => {
    const description =
      '(description:single description:cell description:"single cell"^4 (+description:single +description:cell)^2 description:cell*) ' +
      '(foldedDescription:single foldedDescription:cell foldedDescription:"single cell"^4 ' +
      '(+foldedDescription:single +foldedDescription:cell)^2 foldedDescription:cell*)';
    expect(probe('single cell', 1)).toMatch(/^\(\(name:single .*\) \(foldedName:.*\) \(aliases:single .*\) \(foldedAliases:.*\)\)\^\d+ /);
    expect(probe('single cell', 1)?.endsWith(` ${description}`)).toBe(true);
  });

  it('weighs names and aliases above descriptions', () => {
    const boost = /^\(.*\)\^(\d+) \(description:/.exec(probe('cells', 1) ?? '')?.[1];
    expect(Number(boost)).toBeGreaterThan(1);
  });

  it('looks for every word among the topics, and for several words anywhere (a bonus)', () => {
    const several = plan('single cell')!;
    expect(several.roles.map((role) => role.kind)).toEqual(['key', 'words', 'topic', 'cover']);
    expect(several.request.probes[2]?.query).toBe('+(topics:single) +(topics:cell)');
    expect(several.request.probes[3]?.query).toMatch(/^\+\(name:single .*topics:single\) \+\(name:cell .*topics:cell\)$/);
    expect(several.request.coverProbes).toEqual([3]);
    const one = plan('cells')!;
    expect(one.roles.map((role) => role.kind)).toEqual(['key', 'words', 'topic']);
    expect(one.request.coverProbes).toEqual([1, 2]);
  });

  it('restricts every probe to the given labels', () => {
    const { request } = plan('esm', ['Model', 'Task'])!;
    for (const query of [...request.probes.map((p) => p.query), request.fuzzyQuery]) {
      expect(query).toMatch(/^\+\(.*\) \+searchKind:\(Model Task\)$/);
    }
  });

  it('skips near misses for short keys, and words when resolving', () => {
    expect(plan('ab')?.request.fuzzyQuery).toBeNull();
    const resolving = searchPlan(0, 'Geneformer', { first: 4, labels: null, words: false })!;
    expect(resolving.roles).toEqual([{ kind: 'key' }]);
    expect(resolving.request.coverProbes).toEqual([]);
  });

  it('returns null when the text has nothing to search for', () => {
    expect(plan('*** ???')).toBeNull();
  });
});

describe('rankCandidates', () => {
  const node = (id: string, name: string, searchKeys: string[], degree = 1): Candidate['node'] => ({
    id,
    name,
    searchKeys,
    label: 'Model',
    degree,
  });
  const esm = plan('ESM 2')!;

  it('puts an exact key first, then prefixes by how much of their key the text covers', () => {
    const hits = rankCandidates(esm, [
      { node: node('esm-2-650m', 'ESM-2 650M', ['esm2650m', 'esm2650m']), scores: [[0, 1]] },
      { node: node('esm-2', 'ESM-2', ['esm2', 'esm2']), scores: [[0, 2]] },
      { node: node('esm-2b', 'ESM-2b', ['esm2b', 'esm2b']), scores: [[0, 1]] },
    ]);
    expect(hits.map((hit) => [hit.node.id, hit.matchedOn, hit.exact])).toEqual([
      ['esm-2', 'name', true],
      ['esm-2b', 'name', false],
      ['esm-2-650m', 'name', false],
    ]);
  });

  it('ranks by the words score and says whether the words matched in a name or a description', () => {
    const cells = plan('cell types')!;
    const hits = rankCandidates(cells, [
      { node: node('scbert', 'scBERT', ['scbert', 'scbert']), scores: [[1, 2]] },
      { node: node('cell-type-annotation', 'Cell type annotation', ['celltypeannotation']), scores: [[1, 6]] },
    ]);
    expect(hits.map((hit) => [hit.node.id, hit.matchedOn])).toEqual([
      ['cell-type-annotation', 'name'],
      ['scbert', 'description'],
    ]);
  });

  it('tells a match in an alias from one in the name', () => {
    const fair = plan('meta fair')!;
    const [hit] = rankCandidates(fair, [
      { node: { ...node('facebook-ai-research', 'Facebook AI Research', ['facebookairesearch']), aliases: ['Meta AI (FAIR)'] }, scores: [[1, 3]] },
    ]);
    expect(hit?.matchedOn).toBe('alias');
  });

  it('gives the text as written a lead among equal keys, and breaks remaining ties by name', () => {
    const biot5 = plan('BioT5')!;
    const hits = rankCandidates(biot5, [
      { node: node('biot5-plus', 'BioT5+', ['biot5', 'biot5plus']), scores: [[0, 2]] },
      { node: node('biot5', 'BioT5', ['biot5', 'biot5']), scores: [[0, 2]] },
    ]);
    expect(hits.map((hit) => hit.node.id)).toEqual(['biot5', 'biot5-plus']);
  });

  it('ranks near misses below exact hits and reports them on the closest key', () => {
    const hits = rankCandidates(esm, [
      { node: node('esm-3', 'ESM3', ['esm3', 'esm3']), scores: [[-1, 1.2]] },
      { node: node('esm-2', 'ESM-2', ['esm2', 'esm2']), scores: [[0, 2]] },
    ]);
    expect(hits.map((hit) => [hit.node.id, hit.matchedOn])).toEqual([
      ['esm-2', 'name'],
      ['esm-3', 'name'],
    ]);
    expect(hits[1]!.score).toBeLessThan(hits[0]!.score);
  });

  it('ranks a near miss that keeps the first letter of the text above one that does not', () => {
    const hits = rankCandidates(plan('genformer')!, [
      { node: node('enformer', 'Enformer', ['enformer', 'enformer']), scores: [[-1, 1.2]] },
      { node: node('geneformer', 'Geneformer', ['geneformer', 'geneformer']), scores: [[-1, 1]] },
    ]);
    expect(hits.map((hit) => hit.node.id)).toEqual(['geneformer', 'enformer']);
  });

  it('says topic for an entity found only among topics, and returns compact rows with aliases', () => {
    const cells = plan('single cell')!;
    const [hit] = rankCandidates(cells, [{ node: node('scgpt', 'scGPT', ['scgpt', 'scgpt']), scores: [[2, 1]] }]);
    expect(hit).toMatchObject({ matchedOn: 'topic', node: { id: 'scgpt', name: 'scGPT', aliases: [], label: 'Model', compact: true } });
  });

  it('returns at most first hits', () => {
    const few = searchPlan(0, 'esm', { first: 1, labels: null, words: true })!;
    const hits = rankCandidates(few, [
      { node: node('esm-2', 'ESM-2', ['esm2']), scores: [[0, 1]] },
      { node: node('esm-3', 'ESM3', ['esm3']), scores: [[0, 1]] },
    ]);
    expect(hits).toHaveLength(1);
  });
});
