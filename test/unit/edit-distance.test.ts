import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/db/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions as Lucene fuzzy queries do', () => {
    expect(editDistance('chembrta', 'chemberta', 5)).toBe(1);
    expect(editDistance('chembrta', 'chemdata', 5)).toBe(2);
    expect(editDistance('alfafold', 'alphafold', 5)).toBe(2);
    expect(editDistance('alfafold', 'alphafold2', 5)).toBe(3);
    expect(editDistance('', 'esm', 5)).toBe(3);
    expect(editDistance('esm', 'esm', 5)).toBe(0);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abcdef', 'badcfe', 5)).toBe(3);
  });

  it('counts two neighbouring letters swapped as one edit', () => {
    expect(editDistance('protien', 'protein', 2)).toBe(1);
    expect(editDistance('scgtp', 'scgpt', 2)).toBe(1);
  });

  it('counts as the whole table does, up to max + 1, on every pair of short words of two letters', () => {
    // The whole table of optimal string alignment, as written in the textbook.
    const whole = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    const words = [''];
    for (let length = 1; length <= 5; length++) for (let n = 0; n < 2 ** length; n++) words.push(n.toString(2).padStart(length, '0').replace(/0/g, 'a').replace(/1/g, 'b'));
    for (const a of words) for (const b of words) for (const max of [0, 1, 2, 3]) expect(editDistance(a, b, max), `${a} ${b} ${String(max)}`).toBe(Math.min(whole(a, b), max + 1));
  });

  it('stops counting past the most edits asked about: any more is max + 1', () => {
    expect(editDistance('alfafold', 'alphafold2', 2)).toBe(3);
    expect(editDistance('alfafold', 'alphafold', 2)).toBe(2);
    expect(editDistance('alfafold', 'alphafold', 1)).toBe(2);
    expect(editDistance('esm', 'esm', 0)).toBe(0);
    expect(editDistance('esm', 'esn', 0)).toBe(1);
    expect(editDistance('xxxxxxxxxx', 'yyyyyyyyyy', 2)).toBe(3);
  });

  // A client's text may be as long as the request body: the count is bounded by one length times the edits, so a
  // hundred thousand letters against a name, or against themselves, answer at once (a full table would be 10^10).
  it('compares texts of a hundred thousand letters, with each other and with a name, within the edits asked about', () => {
    const long = 'd'.repeat(100_000);
    expect(editDistance(long, 'protein', 2)).toBe(3);
    expect(editDistance(long, long, 2)).toBe(0);
    expect(editDistance(long, `${long.slice(2)}ee`, 2)).toBe(2);
    expect(editDistance(long, `${long.slice(3)}eee`, 2)).toBe(3);
  });
});
