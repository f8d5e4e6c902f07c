import { describe, expect, it } from 'vitest';
import { contentWords, matchTerms, phraseMask, searchTerms, type SearchedTexts } from '../../src/db/search-analysis.js';
import { searchWords } from '../../src/db/search.js';

const match = (text: string, texts: SearchedTexts) => matchTerms(searchTerms(searchWords(text)), texts);

describe('searchTerms', () => {
  it('stems the words as the English analyzer does, without the stop words, the last one also a prefix', () => {
    expect(searchTerms(searchWords('Molecules from the text'))).toEqual([
      { raw: 'molecules', stem: 'molecul', prefix: false },
      { raw: 'text', stem: 'text', prefix: true },
    ]);
  });

  it('takes no word shorter than 3 letters as a prefix, nor a last word that is a stop word', () => {
    expect(searchTerms(['esm', '2']).map((term) => term.prefix)).toEqual([false, false]);
    expect(searchTerms(['cells', 'of']).map((term) => term.prefix)).toEqual([false]);
  });
});

describe('contentWords', () => {
  it('drops stop words unless nothing else is left', () => {
    expect(contentWords(['molecules', 'from', 'text'])).toEqual(['molecules', 'text']);
    expect(contentWords(['the', 'who'])).toEqual(['the', 'who']);
  });
});

describe('matchTerms', () => {
  it('matches plurals and other forms of a word in every field, and says where', () => {
    expect(match('cells', { name: 'Cell type annotation' })).toMatchObject({ name: true, description: false, allInNames: true, all: true });
    expect(match('pathological', { name: 'UNI', paperTitle: 'Computational pathology' })).toMatchObject({ name: false, paper: true, all: true });
    expect(match('images', { name: 'X', topics: ['pathology image'] })).toMatchObject({ topic: true, allInTopics: true });
    expect(match('proteins', { name: 'X', description: 'A model of RNA' })).toMatchObject({ all: false, description: false });
  });

  it('folds accents and case, and drops possessives', () => {
    expect(match('galen', { name: 'Galén' }).name).toBe(true);
    expect(match('alzheimer disease', { name: 'X', description: "Alzheimer's disease cohort" }).phrase).toBe(true);
  });

  it('finds two neighbouring words written as one word of a name, as a phrase (alpha fold: AlphaFold)', () => {
    expect(match('alpha fold', { name: 'AlphaFold 2' })).toMatchObject({ allInNames: true, all: true, phrase: true, nameShare: 0.5 });
    expect(match('alpha fold structures', { name: 'X', description: 'AlphaFold structures' }).phrase).toBe(true);
    expect(match('alpha fold', { name: 'Inverse folding' })).toMatchObject({ all: false, phrase: false });
  });

  it('finds the words in a row in one text, not apart or across texts', () => {
    expect(match('single cell', { name: 'X', description: 'A single-cell model' }).phrase).toBe(true);
    expect(match('single cell', { name: 'X', description: 'Trained on a single GPU on cells' })).toMatchObject({ phrase: false, all: true });
    expect(match('single cell', { name: 'X', topics: ['single', 'cell'] })).toMatchObject({ phrase: false, allInTopics: true });
  });

  it('needs every word but the stop words, which may be anywhere, for all', () => {
    expect(match('molecules from text', { name: 'Text-guided molecule generation' })).toMatchObject({ all: true, allInNames: true });
    expect(match('pathology foundation model', { name: 'X', description: 'An ECG foundation model' }).all).toBe(false);
    expect(match('pathology foundation model', { name: 'X', description: 'A foundation model', paperTitle: 'Pathology' }).all).toBe(true);
  });

  it('lets the last word be unfinished', () => {
    expect(match('protein struct', { name: 'Protein structure prediction' }).allInNames).toBe(true);
    expect(match('struct protein', { name: 'Protein structure prediction' }).allInNames).toBe(false);
  });

  it('measures how much of a name or alias the words are', () => {
    expect(match('imaging', { name: 'Medical Imaging' }).nameShare).toBe(0.5);
    expect(match('imaging', { name: 'Medical image segmentation', aliases: ['Imaging'] }).nameShare).toBe(1);
    expect(match('imaging', { name: 'UNI' }).nameShare).toBe(0);
  });

  it('holds nothing for a text of stop words only', () => {
    expect(match('the', { name: 'The Pile' })).toMatchObject({ name: false, all: false, allInNames: false, phrase: false });
  });
});

describe('phraseMask', () => {
  it('marks the terms that hold the words in a row, in any form', () => {
    const terms = searchTerms(searchWords('single cell foundation models'));
    expect(phraseMask(terms, 'foundation model')).toBe(0b1100);
    expect(phraseMask(terms, 'model foundation')).toBe(0);
    expect(phraseMask(terms, 'cell')).toBe(0b10);
  });
});

describe('matchTerms with the terms a kind says', () => {
  const terms = searchTerms(searchWords('single cell foundation model'));
  const kind = phraseMask(terms, 'foundation model');
  const geneformer: SearchedTexts = { name: 'Geneformer', description: 'Context-aware single-cell model', topics: ['single cell expression'] };

  it('holds them without their being said, and looks for the others in a row', () => {
    expect(matchTerms(terms, geneformer)).toMatchObject({ all: false, phrase: false, allInTopics: false });
    expect(matchTerms(terms, geneformer, kind)).toMatchObject({ all: true, phrase: true, allInTopics: true, allInNames: false });
    expect(matchTerms(terms, { name: 'X', description: 'Trained on a single GPU on cells' }, kind)).toMatchObject({ all: true, phrase: false });
    expect(matchTerms(terms, { name: 'X', description: 'A cell model' }, kind).all).toBe(false);
  });

  it('does not hold a text that is nothing but what the kind says', () => {
    const only = searchTerms(searchWords('foundation model'));
    expect(matchTerms(only, { name: 'X', description: 'An encoder' }, phraseMask(only, 'foundation model')).all).toBe(false);
  });
});
