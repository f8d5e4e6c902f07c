import { describe, expect, it } from 'vitest';
import { MAX_PATH_HOPS, pathQuery } from '../../src/db/paths.js';

const cypherLines = (text: string): string => text.split('\n').filter((line) => !line.trimStart().startsWith('//')).join('\n');
const HOPS = Array.from({ length: MAX_PATH_HOPS }, (_, i) => i + 1);

describe('the path queries, one text per maxHops', () => {
  it.each(HOPS)('searches at most %i hops, the bound in the pattern and nowhere else', (maxHops) => {
    const shortest = cypherLines(pathQuery('shortest-path', maxHops));
    const all = cypherLines(pathQuery('paths', maxHops));
    expect(shortest).toContain(`shortestPath((a)-[*..${String(maxHops)}]-(b))`);
    expect(all).toContain(`){0,${String(maxHops)}}(b)`);
    for (const text of [shortest, all]) {
      expect(text).not.toContain('MAX_HOPS');
      expect(text).not.toContain('$maxHops');
    }
  });

  it.each([0, MAX_PATH_HOPS + 1, 2.5, Number.NaN])('refuses maxHops %s, which no text was made for', (maxHops) => {
    expect(() => pathQuery('paths', maxHops)).toThrow(RangeError);
    expect(() => pathQuery('shortest-path', maxHops)).toThrow(RangeError);
  });
});
