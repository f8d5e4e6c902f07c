/**
 * What the rows of a list should carry (db/look-ahead.ts), read from the request's syntax tree: for each field
 * selected on the rows that is a relation field or the first page of a domain's or task's models, that list,
 * and what its own rows should carry in turn. A tree of lists then takes one round trip from the list that
 * starts it, or from the entity looked up by id that holds it (a list of one row). Fields are grouped by response
 * name (alias) as graphql-js groups them, so each carried list is the one its field's resolver would ask its
 * loader for, and finds there.
 */
import { getArgumentValues, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../context.js';
import type { Carried } from '../db/look-ahead.js';
import type { ModelScope, PageArgs } from '../db/model-page.js';
import { RELATIONS, type RelationName, type RelationTargets } from '../db/relation-query.js';
import { fieldsOf } from '../selection-fields.js';
import { pageArgs } from './page-args.js';
import { PerField } from './per-field.js';
import { pageRowFields, type SelectionInfo } from './selection.js';

export type LookAheadInfo = SelectionInfo & Pick<GraphQLResolveInfo, 'schema' | 'variableValues'>;

/** Model lists a row can carry the first page of, by field. */
const PAGE_SCOPES: Readonly<Record<string, Exclude<ModelScope, 'all'>>> = { 'Domain.models': 'domain', 'Task.models': 'task' };

function isRelation(field: string): field is RelationName {
  return Object.hasOwn(RELATIONS, field);
}

/**
 * The arguments of a carried page, as its resolver will make them; null when it has a cursor (a later page is
 * not carried) or arguments its resolver will refuse (the resolver reports them).
 */
function carriedPageArgs(info: LookAheadInfo, typeName: string, fieldNodes: FieldNode[]): PageArgs | null {
  const type = info.schema.getType(typeName);
  const definition = isObjectType(type) ? type.getFields()[fieldNodes[0]!.name.value] : undefined;
  if (!definition) return null;
  try {
    const args = pageArgs(getArgumentValues(definition, fieldNodes[0]!, info.variableValues), { ...info, fieldNodes });
    return args.after === null ? args : null;
  } catch {
    return null;
  }
}

/** What rows of `typeName` carry for the fields `fieldNodes` select on them. */
function carriedOn(info: LookAheadInfo, typeName: string, fieldNodes: readonly FieldNode[]): Carried[] {
  const byResponseName = new Map<string, FieldNode[]>();
  for (const node of fieldNodes) {
    for (const field of fieldsOf(node.selectionSet, info.fragments)) {
      const name = field.alias?.value ?? field.name.value;
      const group = byResponseName.get(name);
      if (group) group.push(field);
      else byResponseName.set(name, [field]);
    }
  }
  const carried: Carried[] = [];
  for (const group of byResponseName.values()) {
    const field = `${typeName}.${group[0]!.name.value}`;
    const scope = PAGE_SCOPES[field];
    // Only lists that carry nothing themselves: a list whose rows carry lists again is left to its own query.
    // Measured on the benchmark's M graph, a statement nesting two levels of lists under its rows took longer in
    // Neo4j than the same work split in two (300 against 228 ms for domain → tasks → models → trainedOn), while
    // one level costs what its own query would (224 ms): one round trip saved, nothing lost.
    if (isRelation(field)) {
      if (carriedOn(info, RELATIONS[field].label, group).length === 0) carried.push({ relation: field });
    } else if (scope) {
      const args = carriedPageArgs(info, typeName, group);
      if (args?.carried.length === 0) carried.push({ page: scope, args });
    }
  }
  return carried;
}

/** Every parent of a list asks the same question. */
const carriedPerField = new PerField<Carried[]>();

/** What the models of a page carry, whether selected as `nodes` or as `edges { node }`. */
export function pageCarried(info: LookAheadInfo): Carried[] {
  return carriedPerField.get(info, () => carriedOn(info, 'Model', pageRowFields(info)));
}

/** What the row of an entity looked up by id carries for the fields selected on it (it is of `label`). */
export function entityCarried(info: LookAheadInfo, label: RelationTargets[RelationName]['label']): Carried[] {
  return carriedPerField.get(info, () => carriedOn(info, label, info.fieldNodes));
}

/**
 * A relation field's list for the parent `id`, its rows carrying what the request selects on them; at once when
 * the parent's own list carried it.
 */
export function related<N extends RelationName>(
  context: RequestContext,
  name: N,
  id: string,
  info: LookAheadInfo,
): RelationTargets[N][] | Promise<RelationTargets[N][]> {
  const carried = carriedPerField.get(info, () => carriedOn(info, RELATIONS[name].label, info.fieldNodes));
  return context.loaders.related(name, carried).load(id);
}
