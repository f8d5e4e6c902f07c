import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/db/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions as Lucene fuzzy queries do', () => {
    expect(editDistance('chembrta', 'chemberta')).toBe(1);
    expect(editDistance('chembrta', 'chemdata')).toBe(2);
    expect(editDistance('alfafold', 'alphafold')).toBe(2);
    expect(editDistance('alfafold', 'alphafold2')).toBe(3);
    expect(editDistance('', 'esm')).toBe(3);
    expect(editDistance('esm', 'esm')).toBe(0);
  });

  it('counts two neighbouring letters swapped as one edit', () => {
    expect(editDistance('protien', 'protein')).toBe(1);
    expect(editDistance('scgtp', 'scgpt')).toBe(1);
  });
});
