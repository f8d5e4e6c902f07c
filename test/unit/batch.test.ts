import { describe, expect, it } from 'vitest';
import { alignByKey, batchByGroup, createLoader, primedLoader } from '../../src/loaders/batch.js';

describe('alignByKey', () => {
  it('returns values in key order with the miss value for unknown keys, whatever the row order', () => {
    expect(alignByKey(['b', 'x', 'a'], [['a', 1], ['b', 2]], 0)).toEqual([2, 0, 1]);
  });
});

describe('batchByGroup', () => {
  it('runs one batch per group and puts results back in key order', async () => {
    const calls: string[][] = [];
    const keys = [{ g: 'x', id: '1' }, { g: 'y', id: '2' }, { g: 'x', id: '3' }];
    const values = await batchByGroup(keys, (k) => k.g, (group) => {
      calls.push(group.map((k) => k.id));
      return Promise.resolve(group.map((k) => `${k.g}${k.id}`));
    });
    expect(values).toEqual(['x1', 'y2', 'x3']);
    expect(calls).toEqual([['1', '3'], ['2']]);
  });

  it('fails when a batch breaks the same-length contract', async () => {
    await expect(batchByGroup(['a', 'b'], () => 'g', () => Promise.resolve([1]))).rejects.toThrow(
      'batch returned 1 values for 2 keys',
    );
  });
});

describe('createLoader', () => {
  it('batches loads of one tick into one call when batching is on', async () => {
    const batches: string[][] = [];
    const loader = createLoader<string, string>({ batching: true }, (keys) => {
      batches.push([...keys]);
      return Promise.resolve(keys.map((k) => k.toUpperCase()));
    });
    expect(await Promise.all([loader.load('a'), loader.load('b')])).toEqual(['A', 'B']);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('makes one call per key when batching is off (the N+1 baseline)', async () => {
    const batches: string[][] = [];
    const loader = createLoader<string, string>({ batching: false }, (keys) => {
      batches.push([...keys]);
      return Promise.resolve([...keys]);
    });
    await Promise.all([loader.load('a'), loader.load('b')]);
    expect(batches).toEqual([['a'], ['b']]);
  });
});

describe('primedLoader', () => {
  it('answers a primed key at once with its first value, and loads the others in one batch', async () => {
    const batches: string[][] = [];
    const loader = primedLoader(
      createLoader<string, string>({ batching: true }, (keys) => {
        batches.push([...keys]);
        return Promise.resolve(keys.map((k) => k.toUpperCase()));
      }),
    );
    loader.prime('a', 'primed');
    loader.prime('a', 'later');
    expect(loader.load('a')).toBe('primed');
    const others = [loader.load('b'), loader.load('c')];
    expect(others[0]).toBeInstanceOf(Promise);
    expect(await Promise.all(others)).toEqual(['B', 'C']);
    expect(batches).toEqual([['b', 'c']]);
  });
});
