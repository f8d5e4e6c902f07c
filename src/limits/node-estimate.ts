/**
 * Estimates how many nodes an operation can return before it runs, in the manner of GitHub's node limit: every
 * list field counts as many nodes as it can hold times the sizes of the lists above it, so `first` multiplies
 * down nested connections.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface NodeEstimateOptions {
  /** Assumed length of a list field that takes no `first` argument (e.g. Domain.tasks). */
  listSize: number;
  /** Known bounds of particular list fields, by "Type.field". */
  fieldSizes?: Record<string, number>;
}

/** Lists whose size the field above them already fixed (a connection's edges and nodes hold `first` items). */
const SIZE_FIXED_ABOVE = new Set(['ModelConnection.edges', 'ModelConnection.nodes']);

function fieldDefinition(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** The value of a size argument (`first`, `top`) of the field, its default when not given; undefined when it has none. */
function sizeArgument(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
  name: 'first' | 'top',
): number | undefined {
  const definition = field.args.find((arg) => arg.name === name);
  if (!definition) return undefined;
  const argument = node.arguments?.find((arg) => arg.name.value === name);
  const value: unknown = argument ? valueFromAST(argument.value, definition.type, variables) : definition.defaultValue;
  // Values that are not a 32-bit count are rejected later (variable coercion, range checks at the root) with a
  // message about the argument; for the estimate they count as zero.
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2 ** 31 - 1 ? value : 0;
}

/** The estimated node count of `operation` (fragments expanded, each spread of a fragment counted). */
export function estimateNodes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: NodeEstimateOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  // `multiplier`: how many of `type` the operation can hold. `listSize`: what a list without `first` counts here,
  // LIST_SIZE_ESTIMATE or the `top` of the field above (each facet list holds at most `top` values). `pageSize`:
  // the `first` of the connection above, the length of its edges and nodes; its other fields (facets) are once
  // per connection, not once per model.
  const visit = (
    selectionSet: SelectionSetNode,
    type: GraphQLNamedType,
    multiplier: number,
    spreads: Set<string>,
    listSize: number,
    pageSize: number,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
        total += visit(selection.selectionSet, inner, multiplier, spreads, listSize, pageSize);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is reported by validation; here it must only not loop forever.
        if (!fragment || spreads.has(name)) continue;
        const inner = schema.getType(fragment.typeCondition.name.value) ?? type;
        total += visit(fragment.selectionSet, inner, multiplier, new Set([...spreads, name]), listSize, pageSize);
      } else {
        const field = fieldDefinition(type, selection.name.value);
        if (!field || !selection.selectionSet) continue;
        const key = `${type.name}.${field.name}`;
        const named = getNamedType(field.type);
        // The page of the connection above: counted there already.
        if (SIZE_FIXED_ABOVE.has(key)) {
          total += visit(selection.selectionSet, named, multiplier * pageSize, spreads, options.listSize, 1);
          continue;
        }
        const first = sizeArgument(selection, field, variables, 'first');
        const isList = isListType(getNullableType(field.type));
        let size = 1;
        if (first !== undefined) size = first;
        else if (isList) size = options.fieldSizes?.[key] ?? listSize;
        if (first !== undefined || isList) total += multiplier * size;
        const top = sizeArgument(selection, field, variables, 'top');
        // A connection (a `first` on a field that is not a list) holds its page in edges and nodes.
        const connection = first !== undefined && !isList;
        total += connection
          ? visit(selection.selectionSet, named, multiplier, spreads, top ?? options.listSize, size)
          : visit(selection.selectionSet, named, multiplier * size, spreads, top ?? options.listSize, 1);
      }
    }
    return total;
  };
  return visit(operation.selectionSet, root, 1, new Set(), options.listSize, 1);
}
