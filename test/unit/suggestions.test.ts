import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, type Reader } from '../../src/db/database.js';
import { UnforeseenWork } from '../../src/limits/unforeseen-work.js';
import { createSuggestionLoader, MAX_SUGGESTIONS } from '../../src/loaders/suggestions.js';

describe('the suggestion loader', () => {
  it('gives no suggestion, not the error, when its search fails: the answer it adds to stands without one', async () => {
    let reads = 0;
    const failing: Reader = {
      read: () => {
        reads += 1;
        return Promise.reject(new DatabaseUnavailableError(new Error('connection refused')));
      },
    };
    const unforeseen = new UnforeseenWork();
    const suggestion = createSuggestionLoader(failing, { batching: true }, unforeseen);
    await expect(Promise.all([suggestion({ id: 'esm2', label: 'Model' }), suggestion({ id: 'medqa', label: null })])).resolves.toEqual([null, null]);
    expect(reads).toBe(1);
    // The searches ran all the same, and are charged: what resolve is charged for the same names, one unit of 70
    // database hits each (of 10 nodes), twice for the one with a kind.
    expect(unforeseen.nodes).toBe(1400 + 700);
  });

  it(`searches for at most ${String(MAX_SUGGESTIONS)} ids, and not at all for the rest`, async () => {
    const asked: unknown[] = [];
    const reader: Reader = {
      read: (_query, params) => {
        asked.push(params);
        return Promise.resolve([]);
      },
    };
    const unforeseen = new UnforeseenWork();
    const suggestion = createSuggestionLoader(reader, { batching: true }, unforeseen);
    const ids = Array.from({ length: MAX_SUGGESTIONS + 3 }, (_, i) => `zq${String(i)}x`);
    await expect(Promise.all(ids.map((id) => suggestion({ id, label: null })))).resolves.toEqual(ids.map(() => null));
    // An id asked again is not searched again.
    await suggestion({ id: 'zq0x', label: null });
    expect(asked).toHaveLength(1);
    expect(unforeseen.nodes).toBe(MAX_SUGGESTIONS * 700);
    expect(JSON.stringify(asked[0])).toContain(`zq${String(MAX_SUGGESTIONS - 1)}x`);
    expect(JSON.stringify(asked[0])).not.toContain(`zq${String(MAX_SUGGESTIONS)}x`);
  });
});
