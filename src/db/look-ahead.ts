/**
 * Look-ahead in Cypher: a list query that also brings, for each of its rows, the relation lists and first model
 * pages the request selects on those rows, and theirs in turn, so that a tree of lists (domain → tasks → models →
 * trainedOn) is one round trip instead of one per level. What to carry is read from the request
 * (resolvers/look-ahead.ts); the loaders hand what came back to the child fields' loaders (loaders/look-ahead.ts).
 *
 * Each carried list is a subquery under its row, built from the same fixed text as the list's own query
 * (db/relation-query.ts, db/model-page.ts); a carried page's filter and limit travel as `$carried[i]`.
 */
import { carriedPageBody, type ModelFilter, type ModelScope, type PageArgs } from './model-page.js';
import { labelOf } from './projections.js';
import { relatedList, type CarryingOf, type RelationName } from './relation-query.js';

/**
 * A list the rows of a list carry for one of their fields. A carried relation list's rows carry nothing (the
 * resolvers carry only lists whose rows carry nothing: resolvers/look-ahead.ts says why).
 */
export type Carried =
  | { relation: RelationName }
  /** The first page of a model list (no cursor); its rows carry `args.carried`. */
  | { page: Exclude<ModelScope, 'all'>; args: PageArgs };

/** The values of `$carried[i]`: the filter and the limit (first + 1) of the i-th carried page. */
export interface CarriedPageParams {
  filter: ModelFilter;
  limit: number;
}

/**
 * What brings `carried` under each row of a list, one per field, as `carried0`, `carried1`… on the row: a relation
 * list is a list expression in the row's projection (relatedList), a page a CALL subquery; the filters and limits
 * of the pages are appended to `params` (the query's `$carried`).
 *
 * Each subquery imports the row under a name of its depth (`row1`, `row2`…) and calls it `parent`: the lists'
 * own names (`n`, `m`) are used again at every depth, and Neo4j 5.26 binds a name the subquery imported even
 * after a WITH has dropped it (`CALL (n) { WITH n AS parent MATCH (parent)-->(n:Task) … }` finds no task).
 */
export function carrying(carried: readonly Carried[], params: CarriedPageParams[], depth = 1): CarryingOf {
  return (variable) => {
    const row = `row${String(depth)}`;
    const calls: string[] = [];
    const entries: Record<string, string> = {};
    carried.forEach((child, i) => {
      const result = `carried${String(i)}`;
      if ('relation' in child) {
        entries[result] = relatedList(child.relation, variable, depth);
        return;
      }
      params.push({ filter: child.args.filter, limit: child.args.first + 1 });
      const param = `$carried[${String(params.length - 1)}]`;
      const body = carriedPageBody(child.page, child.args, param, result, carrying(child.args.carried, params, depth + 1));
      // `variable`, the row and the result names are this module's and the list builders' own fixed names.
      calls.push(`CALL (${row}) {`, `  WITH ${row} AS parent`, ...body.map((line) => `  ${line}`), '}');
      entries[result] = result;
    });
    return { lines: calls.length === 0 ? [] : [`WITH *, ${variable} AS ${row}`, ...calls], entries };
  };
}

/**
 * Entities by id, as cypher/queries/nodes-by-id.cypher returns them (every stored property and the label), each
 * also carrying what `carrying` brings: a lookup by id and the lists selected on it in one round trip (e.g.
 * `domain(id) { tasks }`). Params: $ids (and those of `carrying`). Returns: node.
 */
export function entitiesByIdQuery(carrying: CarryingOf): string {
  const { lines, entries } = carrying('n');
  // The carried names are this module's own fixed names (carried0, carried1…).
  const carried = Object.entries(entries).map(([name, value]) => `, ${name}: ${value}`).join('');
  return ['UNWIND $ids AS id', 'MATCH (n:Entity {id: id})', ...lines, `RETURN n {.*, label: ${labelOf('n')}${carried}} AS node`].join('\n');
}
