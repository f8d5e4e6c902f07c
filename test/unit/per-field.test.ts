import type { FieldNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { argumentKey } from '../../src/loaders/argument-key.js';
import { PerField } from '../../src/resolvers/per-field.js';

describe('PerField', () => {
  it('computes once per request (variables) and field of the document, whatever the number of parents', () => {
    const perField = new PerField<{ made: number }>();
    const fieldNodes: readonly FieldNode[] = [];
    const otherField: readonly FieldNode[] = [];
    const variables = {};
    let made = 0;
    const compute = () => ({ made: (made += 1) });
    const answers = Array.from({ length: 309 }, () => perField.get({ variableValues: variables, fieldNodes }, compute));
    expect(made).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(perField.get({ variableValues: variables, fieldNodes: otherField }, compute)).toEqual({ made: 2 });
    expect(perField.get({ variableValues: {}, fieldNodes }, compute)).toEqual({ made: 3 });
  });

  it('keeps nothing when computing fails: each parent is refused in turn', () => {
    const perField = new PerField<number>();
    const info = { variableValues: {}, fieldNodes: [] as readonly FieldNode[] };
    expect(() => perField.get(info, () => { throw new Error('bad argument'); })).toThrow('bad argument');
    expect(perField.get(info, () => 7)).toBe(7);
  });
});

describe('argumentKey', () => {
  it('serialises an arguments object once, and gives equal arguments made apart the same key', () => {
    const filter = { trainedOnAny: Array.from({ length: 100 }, (_, i) => `dataset-${String(i)}`) };
    const stringify = vi.spyOn(JSON, 'stringify');
    const keys = Array.from({ length: 309 }, () => argumentKey(filter));
    expect(stringify).toHaveBeenCalledTimes(1);
    stringify.mockRestore();
    expect(new Set(keys).size).toBe(1);
    expect(argumentKey({ trainedOnAny: [...filter.trainedOnAny] })).toBe(keys[0]);
    expect(argumentKey({ trainedOnAny: filter.trainedOnAny.slice(1) })).not.toBe(keys[0]);
    expect(keys[0]!.length).toBeLessThan(50);
  });

  it('keys short arguments by their JSON, which no hashed key can equal', () => {
    const page = { first: 20, after: null, filter: { yearFrom: 2019 }, order: [{ field: 'YEAR', direction: 'DESC' }] };
    expect(argumentKey(page)).toBe(JSON.stringify(page));
    expect(argumentKey({ ...page })).toBe(argumentKey(page));
    expect(argumentKey({ ...page, first: 21 })).not.toBe(argumentKey(page));
    const long = { trainedOnAny: Array.from({ length: 30 }, (_, i) => `dataset-${String(i)}`) };
    expect(argumentKey(long)).toMatch(/^[\w-]{43}$/);
  });
});
