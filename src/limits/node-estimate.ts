/**
 * Estimates how many nodes an operation can return before it runs, in the manner of GitHub's node limit: every
 * list field counts as many nodes as it can hold times the sizes of the lists above it, so `first` multiplies
 * down nested connections; fields that read much more than they return add their database work (field-costs.ts).
 *
 * The walk is graphql-query-complexity's: arguments are coerced as execution coerces them (variables, their
 * defaults, argument defaults), `@skip`/`@include` are honoured, fragments are expanded, and a selection on an
 * abstract type counts for its costliest member type.
 */
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getVariableValues,
  getNullableType,
  isListType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../errors.js';
import { fieldsOf } from '../selection-fields.js';
import { NODES_PER_DB_HIT, type FieldCost } from './field-costs.js';

export interface NodeEstimateOptions {
  /** Assumed length of a list field that takes no `first` argument (e.g. Domain.tasks). */
  listSize: number;
  /** Known bounds of particular list fields, by "Type.field". */
  fieldSizes?: Readonly<Record<string, number>>;
  /** Database work of particular fields, by "Type.field". */
  fieldCosts?: Readonly<Record<string, FieldCost>>;
}

/** Thrown when the document itself is too large to estimate (fragments spread into thousands of selections). */
export class EstimateTooLargeError extends Error {
  constructor(cause: unknown) {
    super('the document expands to more selections than can be estimated', { cause });
    this.name = 'EstimateTooLargeError';
  }
}

/** Lists whose size the field above them already fixed (a connection's edges and nodes hold `first` items). */
const SIZE_FIXED_ABOVE = new Set(['ModelConnection.edges', 'ModelConnection.nodes']);

/** graphql-query-complexity's own limit on the selections it walks, fragments expanded; its error says this. */
const TOO_MANY_SELECTIONS = 'Query exceeds the maximum allowed number of nodes.';

/**
 * The arguments as the resolvers see them: an explicit null becomes the argument's default, as the resolvers'
 * `first ?? 20` do, so `first: null` counts what execution will return.
 */
function effectiveArguments(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): Record<string, unknown> {
  const effective = { ...args };
  for (const definition of field.args) {
    if (effective[definition.name] === null && definition.defaultValue !== undefined) {
      effective[definition.name] = definition.defaultValue;
    }
  }
  return effective;
}

/** A page size as the resolvers accept it; anything else is refused before Cypher runs, so it returns nothing. */
function pageSize(value: unknown, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2 ** 31 - 1 ? value : 0;
}

/** What the estimate needs of the document beyond the field it is at. */
interface Document {
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** The variables as execution coerces them (defaults applied); made when a directive first needs them. */
  variables(): Record<string, unknown>;
  /** Where the fields charged their database work are noted, by "Type.field", with the nodes of one call. */
  charged?: Map<string, number>;
}

/** Whether execution will take `selection`: graphql-js's @skip and @include, as graphql-query-complexity honours them. */
function taken(selection: SelectionNode, document: Document): boolean {
  if (!selection.directives?.length) return true;
  const variables = document.variables();
  if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.['if'] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.['if'] !== false;
}

/** Whether `selectionSet` selects the field `name` itself, or through inline fragments and fragment spreads. */
function selects(selectionSet: SelectionSetNode, name: string, document: Document): boolean {
  return fieldsOf(selectionSet, document.fragments, (selection) => taken(selection, document)).some((field) => field.name.value === name);
}

function nodeEstimator(options: NodeEstimateOptions, document: Document): ComplexityEstimator {
  return ({ type, field, node, args, childComplexity }) => {
    // Scalars and enums (lists of them included) are part of the node that holds them.
    if (!node.selectionSet) return 0;
    const key = `${type.name}.${field.name}`;
    const effective = effectiveArguments(field, args);
    const cost = options.fieldCosts?.[key];
    const charged = cost !== undefined && (cost.selecting === undefined || selects(node.selectionSet, cost.selecting, document));
    const work = charged ? cost.dbHits(effective) * NODES_PER_DB_HIT : 0;
    if (work > 0) document.charged?.set(key, Math.max(work, document.charged.get(key) ?? 0));
    if (field.args.some((arg) => arg.name === 'first')) {
      // A filter is tested on every item of the list before the page is cut and counted, whatever the page holds:
      // those are read (every model for the root list). Counted as nothing, 29 aliased filtered counts of no page
      // took 0.45 s of Neo4j's CPU at an estimate of 0.
      const tested = effective['where'] == null ? 0 : (options.fieldSizes?.[key] ?? options.listSize);
      // A connection asked for no model still answers its fields beside the page (totalCount, facets) once.
      if (!isListType(getNullableType(field.type)) && effective['first'] === 0) return work + tested + childComplexity;
      return work + tested + pageSize(effective['first'], options.listSize) * (1 + childComplexity);
    }
    // Each facet list holds at most `top` values, each a leaf (value, label, count): the lists below counted
    // LIST_SIZE_ESTIMATE each, so they are rescaled to `top`.
    if (field.args.some((arg) => arg.name === 'top')) {
      return work + (childComplexity * pageSize(effective['top'], options.listSize)) / options.listSize;
    }
    if (isListType(getNullableType(field.type)) && !SIZE_FIXED_ABOVE.has(key)) {
      return work + (options.fieldSizes?.[key] ?? options.listSize) * (1 + childComplexity);
    }
    return work + childComplexity;
  };
}

function coercedOnce(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): () => Record<string, unknown> {
  let coerced: Record<string, unknown> | undefined;
  return () => (coerced ??= getVariableValues(schema, operation.variableDefinitions ?? [], variables).coerced ?? variables);
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null) as Record<string, FragmentDefinitionNode>;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * The estimated node count of `operation`. Variables must already be valid for it (execution refuses them
 * otherwise, before anything runs). `charged`, when given, is told the fields charged their database work
 * (FIELD_COSTS) and what one call of each counts. Throws EstimateTooLargeError for a document too large to walk, and a
 * BAD_USER_INPUT GraphQLError for an argument execution would refuse, such as null for a non-null argument.
 */
export function estimateNodes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: NodeEstimateOptions,
  charged?: Map<string, number>,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName: operation.name?.value,
      estimators: [nodeEstimator(options, { fragments: fragmentsOf(document), variables: coercedOnce(schema, operation, variables), charged })],
    });
  } catch (error) {
    if (error instanceof Error && error.message === TOO_MANY_SELECTIONS) throw new EstimateTooLargeError(error);
    throw new GraphQLError(error instanceof Error ? error.message : String(error), {
      extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
    });
  }
}
