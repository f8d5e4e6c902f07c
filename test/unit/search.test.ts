import { describe, expect, it } from 'vitest';
import { fuzzyEdits, rankCandidates, SEARCH_WEIGHTS, searchKey, searchPlan, searchWords, type Candidate } from '../../src/db/search.js';

const plan = (text: string, labels: ('Model' | 'Task')[] | null = null) => searchPlan(0, text, { first: 10, labels, words: true });
const probe = (text: string, position: number): string | undefined => plan(text)?.request.probes[position]?.query;
const near = (text: string): string[] => plan(text)?.request.near.map(({ query }) => query) ?? [];

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
    expect(plan('ESM-2')?.request).toMatchObject({ keyProbe: 0 });
    expect(near('ESM-2')).toEqual(['searchKeys:esm2~1', '+(name:esm foldedName:esm aliases:esm foldedAliases:esm) +(name:2 foldedName:2 aliases:2 foldedAliases:2)'.replace(/esm/g, 'esm~1')]);
    expect(probe('ESM-2', 0)).toBe('searchKeys:esm2^2 searchKeys:esm2*');
    expect(near('Genformer')[0]).toBe('searchKeys:genformer~2');
  });

  it('looks for near misses of the words among the words of names, as stems with the edits of the written word', () => {
    expect(plan('alfafold')?.request.near).toEqual([
      { indexName: 'entity_keys', query: 'searchKeys:alfafold~2', limit: 50 },
      { indexName: 'entity_fulltext', query: '+(name:alfafold~2 foldedName:alfafold~2 aliases:alfafold~2 foldedAliases:alfafold~2)', limit: 50 },
    ]);
    expect(near('protien structures')[1]).toMatch(/^\+\(name:protien~2 .*\) \+\(name:structur~2 /);
    expect(near('bert gpt esm dna rna')).toEqual(['searchKeys:bertgptesmdnarna~2']);
  });

  it('looks for neighbouring words written as one in names, as a phrase', () => {
    expect(probe('alpha fold', 1)).toContain('name:alphafold^12');
    expect(probe('alpha fold', 1)).not.toContain('description:alphafold');
  });

  it('looks a very long key up exactly only, and one longer than any name not at all', () => {
    expect(probe('x'.repeat(100), 0)).toBe(`searchKeys:${'x'.repeat(100)}`);
    expect(near('x'.repeat(100)).filter((query) => query.startsWith('searchKeys:'))).toEqual([]);
    expect(plan('x'.repeat(300))?.request.keyProbe).toBeNull();
  });

  it('scores each word and the phrase in every field, and the last word as a prefix of names and aliases', () => {
    const words = probe('single cell', 1)!;
    expect(words).toMatch(/^name:single\^\d+ name:cell\^\d+ name:"single cell"\^\d+ name:singlecell\^\d+ name:cell\*\^\d+ foldedName:single/);
    expect(words).toContain(' foldedAliases:single^3 foldedAliases:cell^3 foldedAliases:"single cell"^12 foldedAliases:singlecell^12 foldedAliases:cell*^3 ');
    expect(words.match(/cell\*/g)).toHaveLength(4);
    expect(words).toContain(' description:single^1 description:cell^1 description:"single cell"^4 ');
    expect(words).toContain(' foldedDescription:single^1 foldedDescription:cell^1 foldedDescription:"single cell"^4 ');
    expect(words).toMatch(/ paperTitle:single\^[\d.]+ .* foldedPaperTitle:"single cell"\^[\d.]+ topics:single\^[\d.]+ topics:cell\^[\d.]+ topics:"single cell"\^[\d.]+$/);
  });

  it('weighs names and aliases above descriptions, paper titles and topics', () => {
    const boost = (field: string): number => Number(new RegExp(`(?:^| )${field}:cells\\^([\\d.]+)`).exec(probe('cells', 1) ?? '')?.[1]);
    expect(boost('name')).toBe(boost('aliases'));
    expect(boost('name')).toBeGreaterThan(Math.max(boost('description'), boost('paperTitle'), boost('topics')));
  });

  it('leaves out stop words unless the text is nothing else', () => {
    expect(probe('molecules from text', 1)).not.toMatch(/:from\b/);
    expect(probe('molecules from text', 1)).toContain('name:"molecules text"^');
    expect(probe('the who', 1)).toContain('name:"the who"^');
  });

  it('looks for the words that do not say a kind as all words and a phrase, and knows which terms say which kind', () => {
    const words = probe('single cell foundation models', 1)!;
    expect(words).toContain(' description:"single cell"^4 ');
    expect(words).not.toMatch(/foundation|:model|cell\*/);
    expect(plan('single cell foundation models')?.kindTerms).toEqual({ Model: 0b1100 });
    expect(plan('chest x-ray dataset')?.kindTerms).toEqual({ Dataset: 0b1000 });
    expect(probe('foundation model', 1)).toContain('description:"foundation model"^4 ');
  });

  it('looks for several words in names and descriptions, each in one or the other, to know whether near misses are needed', () => {
    const several = plan('single cell')!;
    expect(several.roles.map((role) => role.kind)).toEqual(['key', 'words', 'cover']);
    expect(several.request.probes[2]?.query).toMatch(/^\+\(name:single .*description:single .*\) \+\(name:cell .*description:cell .*\)$/);
    expect(several.request.probes[2]?.query).not.toMatch(/paperTitle|topics/);
    expect(several.request.coverProbes).toEqual([2]);
    const one = plan('cells')!;
    expect(one.roles.map((role) => role.kind)).toEqual(['key', 'words']);
    expect(one.request.coverProbes).toEqual([1]);
  });

  it('probes every kind for a search of some kinds, and restricts only its fill, scoring as unrestricted', () => {
    const { request, roles } = plan('esm', ['Model', 'Task'])!;
    expect(request.probes).toEqual(plan('esm')!.request.probes);
    expect(request.near).toEqual(plan('esm')!.request.near);
    for (const { query } of [...request.fill, ...request.fillNear]) {
      expect(query).toMatch(/^\+\(.*\) \+searchKind:\(Model Task\)\^0$/);
    }
    expect(roles).toEqual([...plan('esm')!.roles, ...plan('esm')!.roles]);
    expect(plan('esm')!.request.fill).toEqual([]);
  });

  it('skips near misses for short keys, and words when resolving', () => {
    expect(near('ab')).toEqual([]);
    const resolving = searchPlan(0, 'Geneformer', { first: 4, labels: null, words: false })!;
    expect(resolving.roles).toEqual([{ kind: 'key' }]);
    expect(resolving.request.coverProbes).toEqual([]);
  });

  it('returns null when the text has nothing to search for', () => {
    expect(plan('*** ???')).toBeNull();
  });
});

describe('rankCandidates', () => {
  const node = (id: string, name: string, searchKeys: string[], degree = 1, texts: Candidate['node']['texts'] = null): Candidate['node'] => ({
    id,
    name,
    searchKeys,
    label: 'Model',
    degree,
    texts,
  });
  /** A candidate found by the words probe only (position 1), with its texts. */
  const byWords = (id: string, score: number, texts: NonNullable<Candidate['node']['texts']>, degree = 1): Candidate => ({
    node: node(id, id, [id], degree, texts),
    scores: [[1, score]],
  });
  const ids = (hits: { node: { id: string } }[]): string[] => hits.map((hit) => hit.node.id);
  const esm = plan('esm2')!;

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

  it('ranks an exact key above all that a candidate without it can add up to', () => {
    const text = plan('single cell atlas')!;
    const everything: Candidate = {
      node: node('single-cell-atlas-2', 'Single cell atlas 2', ['singlecellatlas2'], 1000, {
        description: 'A single cell atlas',
        topics: ['single cell atlas'],
        searchLinks: ['linked'],
      }),
      scores: [[0, 1], [1, 100], [2, 1]],
    };
    const linked = byWords('linked', 100, { description: 'single cell atlas' }, 1000);
    const exact: Candidate = { node: node('x', 'Q', ['singlecellatlas']), scores: [[0, 1]] };
    expect(ids(rankCandidates(text, [everything, linked, exact]))[0]).toBe('x');
  });

  it('ranks by the words score and says whether the words matched in a name or a description', () => {
    const cells = plan('cell types')!;
    const hits = rankCandidates(cells, [
      { node: node('scbert', 'scBERT', ['scbert', 'scbert'], 1, { description: 'Annotates the cell types of single cells.' }), scores: [[1, 2]] },
      { node: node('cell-type-annotation', 'Cell type annotation', ['celltypeannotation']), scores: [[1, 6]] },
    ]);
    expect(hits.map((hit) => [hit.node.id, hit.matchedOn])).toEqual([
      ['cell-type-annotation', 'name'],
      ['scbert', 'description'],
    ]);
  });

  it('puts what holds every word above what holds some, and the words in a row above the words apart', () => {
    const hits = rankCandidates(plan('pathology image encoder')!, [
      byWords('ecg', 9, { description: 'ECG image encoder' }),
      byWords('apart', 3, { description: 'An image encoder', paperTitle: 'Computational pathology at scale' }),
      byWords('in-a-row', 3, { description: 'A pathology image encoder' }),
    ]);
    expect(ids(hits)).toEqual(['in-a-row', 'apart', 'ecg']);
  });

  it('takes a model holding the words its kind does not say as holding them all, in a row', () => {
    const pathology = plan('pathology foundation model')!;
    const hits = rankCandidates(pathology, [
      byWords('ecg-fm', 9, { description: 'ECG foundation model' }),
      byWords('titled', 3, { description: 'An encoder', paperTitle: 'Computational pathology at scale' }),
      byWords('said', 3, { description: 'A pathology foundation model' }),
    ]);
    expect(ids(hits)).toEqual(['said', 'titled', 'ecg-fm']);
    expect(hits[0]!.score).toBe(hits[1]!.score);
  });

  it('ranks by the name holding the words, then by how much of the name they are', () => {
    const hits = rankCandidates(plan('imaging')!, [
      byWords('described', 9, { description: 'Imaging, imaging and imaging' }),
      { node: node('medical-image-segmentation', 'Medical image segmentation', ['medicalimagesegmentation']), scores: [[1, 5]] },
      { node: node('medical-imaging', 'Medical Imaging', ['medicalimaging']), scores: [[1, 5]] },
    ]);
    expect(ids(hits)).toEqual(['medical-imaging', 'medical-image-segmentation', 'described']);
  });

  it('lets the better known of the entities equally about the words come first', () => {
    const cells = plan('single-cell')!;
    const strong = { description: 'A single-cell model' };
    const hits = rankCandidates(cells, [byWords('most-words', 10, strong, 2), byWords('well-known', 6, strong, 20), byWords('weak', 1, strong, 30)]);
    expect(ids(hits)).toEqual(['well-known', 'most-words', 'weak']);
  });

  it('lets an entity of the kind the words say hold those words, and no other', () => {
    const texts = { description: 'Context-aware single-cell model' };
    const hits = rankCandidates(plan('single cell foundation model')!, [
      { node: { ...node('task', 'task', ['task'], 1, texts), label: 'Task' }, scores: [[1, 5]] },
      byWords('said', 5, { description: 'A single-cell foundation model' }),
      byWords('model', 1, texts),
    ]);
    expect(ids(hits)).toEqual(['said', 'model', 'task']);
    expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score + SEARCH_WEIGHTS.allWords);
  });

  it('counts the links of a model to a task that holds every word, and of a dataset from models that do', () => {
    const cells = plan('single cell')!;
    const model = { description: 'A single-cell model' };
    const hits = rankCandidates(cells, [
      byWords('unlinked', 5, model),
      byWords('linked', 5, { ...model, searchLinks: ['single-cell-data-integration', 'census'] }),
      byWords('single-cell-data-integration', 5, { description: 'Single-cell data integration' }),
      byWords('census', 1, { description: 'Cells' }),
      byWords('atlas', 1, { description: 'Cells' }),
    ]);
    expect(ids(hits).indexOf('linked')).toBeLessThan(ids(hits).indexOf('unlinked'));
    expect(ids(hits).indexOf('census')).toBeLessThan(ids(hits).indexOf('atlas'));
  });

  it('keeps the kinds asked for in the order every kind gives them, and puts what only the fill found after', () => {
    const model = { description: 'A single-cell model' };
    const task: Candidate = byWords('integration', 5, { description: 'Single-cell data integration' });
    task.node.label = 'Task';
    // 'another' comes first by name when nothing else tells them apart, as it did when the task was left out.
    const probed = [byWords('another', 5, model), byWords('linked', 5, { ...model, searchLinks: ['integration'] }), task];
    const unrestricted = ids(rankCandidates(plan('single cell')!, probed)).filter((id) => id !== 'integration');
    expect(unrestricted).toEqual(['linked', 'another']);
    // The fill's words probe is at position 4 (after the key, words and cover probes).
    const filled: Candidate = { ...byWords('filled', 50, model), scores: [[4, 50]] };
    expect(ids(rankCandidates(plan('single cell', ['Model'])!, [...probed, filled]))).toEqual([...unrestricted, 'filled']);
  });

  it('says which text matched: description before paper title before topics', () => {
    const hits = rankCandidates(plan('pathology')!, [
      byWords('described', 3, { description: 'Pathology encoder', paperTitle: 'Computational pathology' }),
      byWords('titled', 2, { description: 'An encoder', paperTitle: 'Computational pathology' }),
      byWords('topical', 1, { description: 'An encoder', topics: ['pathology image'] }),
    ]);
    expect(hits.map((hit) => [hit.node.id, hit.matchedOn])).toEqual([
      ['described', 'description'],
      ['titled', 'paper'],
      ['topical', 'topic'],
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

  it('ranks a near miss by fewer edits first, whatever the fuzzy score and the links (chembrta)', () => {
    const hits = rankCandidates(plan('chembrta')!, [
      { node: node('chemdata', 'ChemData', ['chemdata', 'chemdata'], 15), scores: [[-1, 2.5]] },
      { node: node('chemberta', 'ChemBERTa', ['chemberta', 'chemberta'], 7), scores: [[-1, 2.3]] },
      { node: node('chemberta-2', 'ChemBERTa-2', ['chemberta2', 'chemberta2'], 7), scores: [[-1, 2.1]] },
    ]);
    expect(hits.map((hit) => hit.node.id)).toEqual(['chemberta', 'chemdata', 'chemberta-2']);
  });

  it('ranks a name holding a near miss of the words, and leaves out what the stems found but the words do not', () => {
    const hits = rankCandidates(plan('alfafold')!, [
      { node: node('alphafold-2', 'AlphaFold 2', ['alphafold2', 'alphafold2'], 15), scores: [[-1, 1]] },
      { node: node('uni-fold', 'Uni-Fold', ['unifold', 'unifold'], 5), scores: [[-1, 1]] },
    ]);
    expect(hits.map((hit) => [hit.node.id, hit.matchedOn])).toEqual([['alphafold-2', 'name']]);
    expect(rankCandidates(plan('genformer')!, [{ node: node('genomic-benchmarks', 'Genomic Benchmarks', ['genomicbenchmarks']), scores: [[-1, 3]] }])).toEqual([]);
  });

  it('says topic for an entity found only among topics, and returns compact rows with aliases', () => {
    const cells = plan('single cell')!;
    const [hit] = rankCandidates(cells, [{ node: node('scgpt', 'scGPT', ['scgpt', 'scgpt'], 1, { topics: ['single cell expression'] }), scores: [[1, 1]] }]);
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
