/**
 * Query texts made once per value of a bound that Cypher takes only as a literal (a pattern's length or
 * quantifier): the text for `value` is `texts[value - 1]`. A value no text was made for is a RangeError, since
 * resolvers check the range before any query is built.
 */
export function textFor(texts: readonly string[], value: number, bound: string): string {
  const text = Number.isInteger(value) ? texts[value - 1] : undefined;
  if (text === undefined) throw new RangeError(`${bound} is 1..${String(texts.length)}, not ${String(value)}`);
  return text;
}
