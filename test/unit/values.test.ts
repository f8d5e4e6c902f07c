import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toParameter, toPlain } from '../../src/db/values.js';

describe('toPlain', () => {
  it('turns Integers into numbers, deep inside lists and maps', () => {
    expect(toPlain({ year: neo4j.int(2022), list: [neo4j.int(1), 'a'], nested: { n: neo4j.int(15_000_000_000) } })).toEqual({
      year: 2022,
      list: [1, 'a'],
      nested: { n: 15_000_000_000 },
    });
  });

  it('renders temporal values as ISO text', () => {
    const date = new neo4j.types.Date(2025, 3, 4);
    expect(toPlain({ on: date })).toEqual({ on: '2025-03-04' });
  });

  it('keeps null, booleans, floats and strings as they are', () => {
    expect(toPlain([null, true, 0.5, 'x'])).toEqual([null, true, 0.5, 'x']);
  });
});

describe('toParameter', () => {
  it('sends whole numbers as Integers and leaves floats and strings alone', () => {
    const converted = toParameter({ limit: 21, score: 0.5, ids: ['a'], nested: { values: [2020, null] } }) as Record<string, unknown>;
    expect(neo4j.isInt(converted['limit'])).toBe(true);
    expect(converted['score']).toBe(0.5);
    expect(converted['ids']).toEqual(['a']);
    const nested = converted['nested'] as { values: unknown[] };
    expect(neo4j.isInt(nested.values[0])).toBe(true);
    expect(nested.values[1]).toBeNull();
  });
});
