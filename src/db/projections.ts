/**
 * What list queries return per entity: id, name and label, and the stored properties a request selects where the
 * query knows them. A list can hold thousands of rows; any other field is read from the full entity when a
 * request asks for it (resolvers/full-row.ts), one query per level. Rows made here say `compact`.
 */
import type { EntityLabel, EntityRow } from './rows.js';
import type { PlainValue } from './values.js';

function projection(variable: string, properties: string[], entries: Record<string, string>): string {
  return `${variable} {${[...properties, ...Object.entries(entries).map(([k, v]) => `${k}: ${v}`)].join(', ')}}`;
}

/** The entity label of the node `variable` (each node has Entity and one label of its own). */
export function labelOf(variable: string): string {
  return `head([l IN labels(${variable}) WHERE l <> 'Entity'])`;
}

/** A Cypher map projection of `variable` (a node of `label`): its id and name, and extra entries. */
export function compactProjection(variable: string, label: EntityLabel, extra: Record<string, string> = {}): string {
  return selectedProjection(variable, label, [], extra);
}

/**
 * The stored properties a query may be asked to carry besides id and name: the allow-list of what
 * `selectedProjection` interpolates (property names are never taken from a request as such).
 */
export const STORED_PROPERTIES: ReadonlySet<string> = new Set([
  'aliases', 'description', 'modality', 'size', 'url', 'year', 'organization', 'architecture', 'paradigm',
  'pretraining', 'modalities', 'parameters', 'openWeights', 'paperTitle', 'paperVenue', 'paperYear', 'paperUrl', 'sourceNote',
  'kind', 'country', 'trainedModelCount', 'evaluatedModelCount', 'taskCount', 'derivativeCount', 'descendantCount',
  'datasetCount',
]);

/**
 * A compact row that also carries `properties` (null where the node has none): what a request selects, so a
 * list query reads and sends no more than is answered, and needs no second query for it either.
 */
export function selectedProjection(
  variable: string,
  label: EntityLabel,
  properties: readonly string[],
  extra: Record<string, string> = {},
): string {
  return unlabelledProjection(variable, properties, { label: `'${label}'`, compact: 'true', ...extra });
}

/** As selectedProjection, for a node of any label: the row's label is read from the node. */
export function anyLabelProjection(variable: string, properties: readonly string[]): string {
  return unlabelledProjection(variable, properties, { label: labelOf(variable), compact: 'true' });
}

/**
 * selectedProjection without the label and the compact mark, for a query whose rows are all of one label: the
 * loader adds both (`compactRow`) instead of Neo4j sending them with every row.
 */
export function unlabelledProjection(variable: string, properties: readonly string[], extra: Record<string, string> = {}): string {
  for (const property of properties) {
    if (!STORED_PROPERTIES.has(property)) throw new Error(`${property} is not a stored property a query may carry`);
  }
  // Interpolated from STORED_PROPERTIES only (checked above).
  return projection(variable, ['.id', '.name', ...properties.map((property) => `.${property}`)], extra);
}

/** Marks a row of an unlabelledProjection as the compact row of an entity of `label`. */
export function compactRow<R extends Record<string, unknown>>(row: R, label: EntityLabel): R {
  return Object.assign(row, { label, compact: true });
}

/**
 * A static query (cypher/queries/) cannot name properties in its text: it sends a compact row with the values of
 * the properties named in `$properties`, in order, as `values` (`n {.id, .name, label: 'Model', compact: true,
 * values: [p IN $properties | n[p]]}`). This puts each value under its name, on the row itself.
 */
export function carryValues<R extends EntityRow>(row: R, properties: readonly string[]): R {
  const carried = row as unknown as Record<string, PlainValue | undefined> & { values?: PlainValue[] };
  const values = carried.values ?? [];
  delete carried.values;
  properties.forEach((property, i) => {
    carried[property] = values[i] ?? null;
  });
  return row;
}
