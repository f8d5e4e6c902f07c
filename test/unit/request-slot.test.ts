import { describe, expect, it } from 'vitest';
import { RequestSlot } from '../../src/request-slot.js';

describe('RequestSlot', () => {
  it('keeps a value on its object, one per slot and object', () => {
    const estimate = new RequestSlot<object, number>('estimate');
    const release = new RequestSlot<object, string>('release');
    const [first, second] = [{}, {}];
    estimate.set(first, 802);
    release.set(first, 'release-2');
    estimate.set(second, 0);
    expect([estimate.get(first), release.get(first), estimate.get(second), release.get(second)]).toEqual([802, 'release-2', 0, undefined]);
    estimate.set(first, 803);
    expect(estimate.get(first)).toBe(803);
  });

  it('is left out of what is made of the object: its keys, a spread copy, its JSON', () => {
    const key = new RequestSlot<object, string>('argument key');
    const filter = { yearFrom: 2019 };
    key.set(filter, 'abc');
    expect(Object.keys(filter)).toEqual(['yearFrom']);
    expect(key.get({ ...filter })).toBeUndefined();
    expect(key.get(Object.assign({}, filter))).toBeUndefined();
    expect(JSON.stringify(filter)).toBe('{"yearFrom":2019}');
  });

  it('keeps nothing on an object that takes no new property', () => {
    const key = new RequestSlot<object, string>('argument key');
    const frozen = Object.freeze({ yearFrom: 2019 });
    key.set(frozen, 'abc');
    expect(key.get(frozen)).toBeUndefined();
  });
});
