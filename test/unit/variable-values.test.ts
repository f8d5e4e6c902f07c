import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkVariableValues, MAX_VARIABLE_DEPTH } from '../../src/limits/variable-values.js';

/** A list nested `depth` levels below the variables' object (which is level 0). */
const nestedList = (depth: number): unknown => {
  let value: unknown = [];
  for (let level = 1; level < depth; level += 1) value = [value];
  return value;
};

const codeOf = (run: () => void): unknown => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions['code'] : error;
  }
  return 'NONE';
};

describe('checkVariableValues', () => {
  it('takes what the schema takes: filters, lists of ids, large and negative numbers, nulls', () => {
    expect(codeOf(() => checkVariableValues({ w: { trainedOnAny: ['uniref50'], yearFrom: 2020, minParameters: 1e308 }, n: -1, s: null }))).toBe('NONE');
    expect(codeOf(() => checkVariableValues({ x: nestedList(MAX_VARIABLE_DEPTH) }))).toBe('NONE');
  });

  it('refuses values nested deeper than the limit, however deep, without overflowing the stack', () => {
    expect(codeOf(() => checkVariableValues({ x: nestedList(MAX_VARIABLE_DEPTH + 1) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkVariableValues({ x: nestedList(100_000) }))).toBe('BAD_USER_INPUT');
  });

  it('refuses numbers JSON cannot write back, wherever they are', () => {
    expect(codeOf(() => checkVariableValues({ f: Number.POSITIVE_INFINITY }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkVariableValues({ w: { ids: ['a', Number.NEGATIVE_INFINITY] } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkVariableValues({ f: Number.NaN }))).toBe('BAD_USER_INPUT');
  });
});
