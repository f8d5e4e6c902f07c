/**
 * What a request selects below a field, read from its syntax tree, so that a list query carries the stored
 * properties its answer needs and no others (db/projections.ts). Fragments are expanded; `@skip` and `@include`
 * are not read, so a property they leave out may be carried for nothing, never missed.
 */
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLResolveInfo,
} from 'graphql';
import { STORED_PROPERTIES } from '../db/projections.js';
import { fieldsOf } from '../selection-fields.js';

/** Fields that read stored properties under other names; every other property field reads its namesake. */
const FIELD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  paper: ['paperTitle', 'paperVenue', 'paperYear', 'paperUrl'],
};

/**
 * Answers per field of the document: graphql-js hands every item of a list the same `fieldNodes`, so a field
 * under a hundred parents reads its selection once. A compiled operation (compiled-execution.ts) hands every
 * request the nodes it was compiled with: its later requests read the answers its first one made.
 */
const answers = new WeakMap<readonly FieldNode[], Map<string, unknown>>();

/** The part of a resolver's info that its selection is read from. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

function memoised<T>(info: SelectionInfo, key: string, compute: () => T): T {
  let byKey = answers.get(info.fieldNodes);
  if (!byKey) answers.set(info.fieldNodes, (byKey = new Map()));
  let answer = byKey.get(key) as T | undefined;
  if (answer === undefined) byKey.set(key, (answer = compute()));
  return answer;
}

/** The nodes of the fields at `path` below `fieldNodes` (e.g. `['edges', 'node']`). */
function fieldsAt(info: SelectionInfo, fieldNodes: readonly FieldNode[], path: readonly string[]): readonly FieldNode[] {
  let level = fieldNodes;
  for (const name of path) {
    const below: FieldNode[] = [];
    for (const field of level) {
      for (const child of fieldsOf(field.selectionSet, info.fragments)) if (child.name.value === name) below.push(child);
    }
    level = below;
  }
  return level;
}

/** The nodes of the models of a connection, whether asked for as `nodes` or as `edges { node }`. */
export function pageRowFields(info: SelectionInfo): readonly FieldNode[] {
  return memoised(info, 'page rows', () => [...fieldsAt(info, info.fieldNodes, ['nodes']), ...fieldsAt(info, info.fieldNodes, ['edges', 'node'])]);
}

/** The names of the fields selected on the objects of `nodes`. */
function childNames(info: SelectionInfo, nodes: readonly FieldNode[]): string[] {
  return nodes.flatMap((node) => fieldsOf(node.selectionSet, info.fragments)).map((field) => field.name.value);
}

/** The names of the fields selected on the objects at `path` below the current field (e.g. `['nodes']`). */
export function selectedFields(info: SelectionInfo, path: readonly string[]): string[] {
  return memoised(info, `fields:${path.join('.')}`, () => childNames(info, fieldsAt(info, info.fieldNodes, path)));
}

/** The stored properties the fields of `names` read, sorted. */
function propertiesOf(names: readonly string[]): string[] {
  const properties = new Set<string>();
  for (const name of names) {
    for (const property of FIELD_PROPERTIES[name] ?? (STORED_PROPERTIES.has(name) ? [name] : [])) properties.add(property);
  }
  return [...properties].sort();
}

/** The stored properties (sorted) that the fields selected on the objects at `path` below the current field read. */
export function selectedProperties(info: SelectionInfo, path: readonly string[]): string[] {
  return memoised(info, `properties:${path.join('.')}`, () => propertiesOf(selectedFields(info, path)));
}

/** The stored properties the models of a connection need, whether asked for as `nodes` or as `edges { node }`. */
export function pageProperties(info: SelectionInfo): string[] {
  return memoised(info, 'page', () => propertiesOf(childNames(info, pageRowFields(info))));
}

/**
 * The arguments (with the request's variables and the defaults) of each selection of field `name` on the object
 * the current field returns, so that a resolver can load what that field will ask for together with its own row.
 */
export function selectedArguments(info: GraphQLResolveInfo, name: string): Record<string, unknown>[] {
  const type = getNamedType(info.returnType);
  const definition = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!definition) return [];
  return info.fieldNodes
    .flatMap((node) => fieldsOf(node.selectionSet, info.fragments))
    .filter((field) => field.name.value === name)
    .map((field) => getArgumentValues(definition, field, info.variableValues));
}
