import { describe, expect, it } from 'vitest';
import { searchOf } from '../../src/graphql-http.js';

describe('searchOf', () => {
  // The expected values are what url.parse(target).search gave (null as ""), which the server used before.
  it.each([
    ['/graphql', ''],
    ['/graphql?query=%7Bx%7D&variables=%7B%7D', '?query=%7Bx%7D&variables=%7B%7D'],
    ['/graphql?', '?'],
    ['/graphql?a=1#fragment', '?a=1'],
    ['/graphql#x?y', ''],
    ['/graphql/sub?a=b?c', '?a=b?c'],
    ["/graphql?q='a'&r={models{totalCount}}", "?q='a'&r={models{totalCount}}"],
  ])('reads the query string of %s as %j', (target, search) => {
    expect(searchOf(target)).toBe(search);
  });
});
