/** Validation rule: operations of a type the schema lacks (mutation, subscription) are invalid, not internal errors. */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export function knownOperationTypeRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(
          new GraphQLError(`This API has no ${node.operation} operations; it answers queries only.`, { nodes: node }),
        );
      }
    },
  };
}
