import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/cursor.js';
import type { OrderKey } from '../../src/db/model-page.js';

const byYear: OrderKey[] = [{ field: 'YEAR', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }];

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
  return 'no error';
}

describe('cursor', () => {
  it('round-trips the sort values and id, missing values included', () => {
    const position = { values: [null, 'esm-2'], id: 'esm-2' };
    expect(decodeCursor(encodeCursor(position, byYear), byYear)).toEqual(position);
  });

  it('rejects a cursor made for another order as BAD_USER_INPUT', () => {
    const cursor = encodeCursor({ values: ['esm-2'], id: 'esm-2' }, [{ field: 'NAME', direction: 'ASC' }]);
    expect(() => decodeCursor(cursor, byYear)).toThrow(/made for another orderBy/);
  });

  it('rejects garbage and values of the wrong type as BAD_USER_INPUT', () => {
    expect(codeOf(() => decodeCursor('not-a-cursor', byYear))).toBe('BAD_USER_INPUT');
    const wrongType = Buffer.from(JSON.stringify({ o: 'YEAR:DESC,NAME:ASC', v: ['2022', 'x'], id: 'x' })).toString('base64url');
    expect(codeOf(() => decodeCursor(wrongType, byYear))).toBe('BAD_USER_INPUT');
  });
});
