import { describe, expect, it } from 'vitest';
import { jsonSizeWithin } from '../../src/limits/response-size-plugin.js';

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

describe('jsonSizeWithin', () => {
  const samples: [string, unknown][] = [
    ['an empty object', {}],
    ['an empty list', []],
    ['scalars', { a: 1, b: -2.5, c: true, d: false, e: null, f: 'text', g: 1e21, h: Number.NaN }],
    ['quotes, escapes and non-ASCII', { 'k"ey': 'a "quoted" \\ line\nbreak\u0001', name: 'Señor 😀 μ' }],
    ['undefined members, left out of objects and null in lists', { a: undefined, b: [undefined, 1], c: 2 }],
    ['a GraphQL-shaped result', { data: { models: { nodes: [{ id: 'esm-2', year: 2022, tasks: [{ name: 'x' }, { name: 'y' }] }] } } }],
    ['null-prototype objects as graphql-js builds them', Object.assign(Object.create(null) as object, { a: [1, 2, 3], b: { c: 'd' } })],
  ];

  it.each(samples)('measures %s exactly as JSON.stringify serialises it', (_name, value) => {
    expect(jsonSizeWithin(value, 10_000)).toBe(bytes(value));
  });

  it('gives Infinity past the limit and the size up to it', () => {
    const value = { list: Array.from({ length: 1000 }, (_, i) => ({ id: `model-${String(i)}` })) };
    expect(jsonSizeWithin(value, bytes(value))).toBe(bytes(value));
    expect(jsonSizeWithin(value, bytes(value) - 1)).toBe(Infinity);
  });

  it('stops walking once the limit is passed', () => {
    let visited = 0;
    const huge = Array.from({ length: 100_000 }, () => ({
      get name(): string {
        visited += 1;
        return 'x'.repeat(100);
      },
    }));
    expect(jsonSizeWithin(huge, 10_000)).toBe(Infinity);
    expect(visited).toBeLessThan(200);
  });
});
