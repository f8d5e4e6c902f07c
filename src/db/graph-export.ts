/**
 * Reads the whole graph (entities and results) for the exports a page at a time, by keyset on the node id (never
 * all of it at once), and the property names and types that become the exports' columns. Both leave out what
 * cypher/derived/ stores: an export carries the facts, and the relationships the counts are counted from.
 */
import type { Reader } from './database.js';
import { DERIVED_PROPERTIES } from './derived-properties.js';
import { cypherQuery } from './queries.js';
import type { ExportLabel, ExportNodeRow, RelationshipRow } from './rows.js';
import type { PlainValue } from './values.js';

/** Entities per page of an export read: small enough to stream, large enough that round trips do not dominate. */
export const EXPORT_PAGE_SIZE = 500;

/** The type of a property's values, in the names of `neo4j-admin database import` headers. */
export type PropertyType = 'string' | 'long' | 'double' | 'boolean' | 'string[]' | 'long[]' | 'double[]' | 'boolean[]';

/** Property name -> type, in name order (`id` first for nodes). */
export type PropertyTypes = Map<string, PropertyType>;

/** What an export's columns are: the properties of each label present and of each relationship type present. */
export interface ExportSchema {
  labels: Map<ExportLabel, PropertyTypes>;
  types: Map<string, PropertyTypes>;
}

const SCALARS: Record<string, PropertyType> = { STRING: 'string', INTEGER: 'long', FLOAT: 'double', BOOLEAN: 'boolean' };

/** One property type for the value types Cypher's valueType() found for it; mixed types export as strings. */
export function propertyTypeOf(valueTypes: string[]): PropertyType {
  const kinds = new Set(
    valueTypes.map((type) => {
      const plain = type.replaceAll(' NOT NULL', '');
      const list = /^LIST<(.+)>$/.exec(plain);
      const scalar = SCALARS[list ? list[1]! : plain] ?? 'string';
      return list ? `${scalar}[]` : scalar;
    }),
  );
  if (kinds.size === 1) return [...kinds][0] as PropertyType;
  return [...kinds].every((kind) => kind.endsWith('[]')) ? 'string[]' : 'string';
}

function sortedTypes(entries: [string, PropertyType][]): PropertyTypes {
  return new Map(entries.sort(([a], [b]) => (a === 'id' ? -1 : b === 'id' ? 1 : a.localeCompare(b))));
}

function group<K extends string>(rows: Record<string, unknown>[], keyColumn: string): Map<K, PropertyTypes> {
  const grouped = new Map<K, [string, PropertyType][]>();
  for (const row of rows) {
    const key = row[keyColumn] as K;
    const entries = grouped.get(key) ?? [];
    entries.push([String(row['key']), propertyTypeOf(row['types'] as string[])]);
    grouped.set(key, entries);
  }
  return new Map([...grouped].map(([key, entries]) => [key, sortedTypes(entries)]));
}

/** The labels and relationship types present, with their properties. */
export async function exportSchema(reader: Reader): Promise<ExportSchema> {
  const [nodeProperties, relationshipProperties, relationshipCounts] = await Promise.all([
    reader.read(cypherQuery('export-node-properties'), { derived: DERIVED_PROPERTIES }),
    reader.read(cypherQuery('export-relationship-properties')),
    reader.read(cypherQuery('relationship-counts')),
  ]);
  const withProperties = group<string>(relationshipProperties, 'type');
  const types = new Map(relationshipCounts.map((row) => String(row['type'])).map((type) => [type, withProperties.get(type) ?? new Map()]));
  return { labels: group<ExportLabel>(nodeProperties, 'label'), types };
}

/** Every entity and result (or every node of `label`) in id order, a page at a time. */
export async function* exportNodes(reader: Reader, label: ExportLabel | null = null): AsyncGenerator<ExportNodeRow[]> {
  let after = '';
  for (;;) {
    const rows = await reader.read(cypherQuery('export-nodes'), { after, label, limit: EXPORT_PAGE_SIZE, derived: DERIVED_PROPERTIES });
    if (rows.length === 0) return;
    const nodes = rows.map(
      (row) => ({ ...Object.fromEntries(row['properties'] as [string, PlainValue][]), label: row['label'] }) as unknown as ExportNodeRow,
    );
    yield nodes;
    if (rows.length < EXPORT_PAGE_SIZE) return;
    after = nodes[nodes.length - 1]!.id;
  }
}

/**
 * Every relationship (or every one of `type`), grouped by start node in id order: one group per entity or result,
 * empty for a node with none, so that the groups line up with `exportNodes(reader)` page for page.
 */
export async function* exportRelationships(reader: Reader, type: string | null = null): AsyncGenerator<RelationshipRow[][]> {
  let after = '';
  for (;;) {
    const rows = await reader.read(cypherQuery('export-relationships'), { after, type, limit: EXPORT_PAGE_SIZE });
    if (rows.length === 0) return;
    yield rows.map((row) => row['edges'] as unknown as RelationshipRow[]);
    if (rows.length < EXPORT_PAGE_SIZE) return;
    after = String(rows[rows.length - 1]!['id']);
  }
}
