/**
 * NonEmptyString with a message that says what is wrong with a text that has nothing to search for: graphql-scalars
 * refuses an empty or white-space-only string (the only texts the scalar takes are `search(text:)` and
 * `resolve(names:)`) with "Value cannot be an empty string:" followed by the blanks themselves, which reads as if
 * nothing had been sent. A text of punctuation alone (`"!!!"`) it takes, yet search cuts texts into runs of letters
 * and digits (db/search.ts), so such a text could only ever find nothing, in silence: it is refused the same way.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function refuseBlank(value: unknown, node?: ValueNode): void {
  if (typeof value !== 'string' || LETTER_OR_DIGIT.test(value)) return;
  const found = value === '' ? 'an empty string' : value.trim() === '' ? `${JSON.stringify(value)} (only white space)` : `${JSON.stringify(value)} (no letter or digit)`;
  throw new GraphQLError(`The text has no words to search for: expected at least one letter or digit, got ${found}`, node ? { nodes: node } : {});
}

/** The scalar, refusing such a string (a literal or a variable) with that message before its own checks run. */
export function refusingBlankText(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => {
      refuseBlank(value);
      return config.parseValue(value);
    },
    parseLiteral: (node, variables) => {
      if (node.kind === Kind.STRING) refuseBlank(node.value, node);
      return config.parseLiteral(node, variables);
    },
  });
}
