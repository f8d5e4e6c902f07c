import { describe, expect, it } from 'vitest';
import { graphqlMediaType } from '../../src/graphql-media-types.js';

describe('graphqlMediaType', () => {
  it('chooses as Apollo does, the same on every ask of one header (the answers are kept per header)', () => {
    const cases: [string | undefined, string | undefined][] = [
      [undefined, 'application/json; charset=utf-8'],
      ['', 'application/json; charset=utf-8'],
      ['*/*', 'application/json; charset=utf-8'],
      ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
      ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
      ['application/json; charset=latin1', undefined],
      ['image/png', undefined],
    ];
    for (let ask = 0; ask < 3; ask += 1) {
      for (const [accept, mediaType] of cases) expect(graphqlMediaType(accept), `${String(accept)} (ask ${String(ask)})`).toBe(mediaType);
    }
  });
});
