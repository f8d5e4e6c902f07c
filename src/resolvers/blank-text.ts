/**
 * NonEmptyString with a message that says what is wrong with a blank text: graphql-scalars refuses an empty or
 * white-space-only string (the only texts the scalar takes are `search(text:)` and `resolve(names:)`) with "Value
 * cannot be an empty string:" followed by the blanks themselves, which reads as if nothing had been sent.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function refuseBlank(value: unknown, node?: ValueNode): void {
  if (typeof value === 'string' && value.trim() === '') {
    const found = value === '' ? 'an empty string' : `${JSON.stringify(value)} (only white space)`;
    throw new GraphQLError(`The text has no words to search for: expected at least one character other than white space, got ${found}`, node ? { nodes: node } : {});
  }
}

/** The scalar, refusing a blank string (a literal or a variable) with that message before its own checks run. */
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
