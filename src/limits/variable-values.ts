/**
 * Refuses variable values no operation of the schema can take, before anything keys or walks them: nesting deeper
 * than any input type goes (a JSON body of thousands of nested lists overflows the stack of JSON.stringify, which
 * the estimate and response caches key variables with), and numbers JSON cannot write back (`1e400` parses to
 * Infinity, which JSON.stringify writes as null: a cache key would then match another request's null).
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

/** Levels below the variables: more than any input of the schema nests (a filter's list of ids is 2 levels down). */
export const MAX_VARIABLE_DEPTH = 32;

function badVariables(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

/** Throws BAD_USER_INPUT for values nested deeper than MAX_VARIABLE_DEPTH or holding a number that is not finite. */
export function checkVariableValues(variables: Record<string, unknown>): void {
  // A stack instead of recursion: the values to check may be nested deeper than the call stack allows.
  const pending: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw badVariables('A variable holds a number too large to represent.');
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_VARIABLE_DEPTH) {
      throw badVariables(`Variables may nest at most ${String(MAX_VARIABLE_DEPTH)} levels deep.`);
    }
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
}
