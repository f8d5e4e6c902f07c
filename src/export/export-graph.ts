/**
 * What every export format writes from: the release stamp, the columns, and the entities and relationships as
 * streams. The whole graph streams from the database page by page; a subgraph (at most a neighbourhood) is
 * already in memory.
 */
import type { Reader } from '../db/database.js';
import { DERIVED_PROPERTIES } from '../db/derived-properties.js';
import {
  exportNodes,
  exportRelationships,
  exportSchema,
  type ExportSchema,
  type PropertyType,
  type PropertyTypes,
} from '../db/graph-export.js';
import type { EdgeRow, EntityRow, ExportLabel, ExportNodeRow, ReleaseRow, RelationshipRow } from '../db/rows.js';
import type { PlainValue } from '../db/values.js';

/** An entity or result with the relationships that start at it. */
export interface NodeWithEdges {
  node: ExportNodeRow;
  edges: RelationshipRow[];
}

export interface ExportGraph {
  release: ReleaseRow;
  schema: ExportSchema;
  /** The entities and results, or the nodes of one label, in id order. */
  nodes(label?: ExportLabel): AsyncIterable<ExportNodeRow>;
  /** The relationships, or those of one type, by start id, type and end id. */
  relationships(type?: string): AsyncIterable<RelationshipRow>;
  /** Each entity and result with its outgoing relationships, in id order. */
  nodesWithEdges(): AsyncIterable<NodeWithEdges>;
  /** For a neighbourhood: whether the node limit cut off entities within reach. */
  truncated: boolean;
}

/** Fields of a node row that are not stored properties. */
const ROW_FIELDS = new Set(['label', 'compact']);

/** The stored properties of a node row, in the row's order. */
export function nodeProperties(node: ExportNodeRow): [string, PlainValue][] {
  return Object.entries(node).filter(([key, value]) => !ROW_FIELDS.has(key) && value !== undefined && value !== null) as [
    string,
    PlainValue,
  ][];
}

async function* flatten<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}

/** The whole graph, read from the database a page at a time while the export is written. */
export async function wholeGraph(reader: Reader, release: ReleaseRow): Promise<ExportGraph> {
  return {
    release,
    truncated: false,
    schema: await exportSchema(reader),
    nodes: (label) => flatten(exportNodes(reader, label ?? null)),
    relationships: async function* (type) {
      for await (const page of exportRelationships(reader, type ?? null)) for (const edges of page) yield* edges;
    },
    nodesWithEdges: async function* () {
      // Both reads key on the node id with the same page size, so their pages hold the same nodes.
      const edgePages = exportRelationships(reader)[Symbol.asyncIterator]();
      for await (const nodes of exportNodes(reader)) {
        const { value: edges = [] } = await edgePages.next();
        for (const [index, node] of nodes.entries()) yield { node, edges: edges[index] ?? [] };
      }
    },
  };
}

function valueType(value: PlainValue): PropertyType {
  if (Array.isArray(value)) {
    const items = new Set(value.map((item) => valueType(item)));
    return items.size === 1 ? (`${[...items][0]!}[]` as PropertyType) : 'string[]';
  }
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'double';
  return 'string';
}

function inferTypes(rows: [string, PlainValue][][]): PropertyTypes {
  const types = new Map<string, PropertyType>();
  for (const entries of rows) {
    for (const [key, value] of entries) {
      const type = valueType(value);
      const known = types.get(key);
      types.set(key, known === undefined || known === type ? type : 'string');
    }
  }
  return new Map([...types].sort(([a], [b]) => (a === 'id' ? -1 : b === 'id' ? 1 : a.localeCompare(b))));
}

const DERIVED = new Set(DERIVED_PROPERTIES);

/**
 * An entity row of the API's queries without what cypher/derived/ stores: those rows carry it for the API (counts,
 * search), and an export carries the facts, as the whole graph's does.
 */
function factRow(node: EntityRow): EntityRow {
  return Object.fromEntries(Object.entries(node).filter(([key]) => !DERIVED.has(key))) as unknown as EntityRow;
}

/** A subgraph already read (a neighbourhood or a path): its columns are inferred from its own rows. */
export function subgraph(release: ReleaseRow, nodes: EntityRow[], edges: EdgeRow[], truncated: boolean): ExportGraph {
  const sortedNodes = nodes.map(factRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const relationships: RelationshipRow[] = edges
    .map((edge) => ({ ...edge, properties: {} }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.type.localeCompare(b.type) || a.to.localeCompare(b.to));
  const labels = new Map<ExportLabel, PropertyTypes>();
  for (const label of new Set(sortedNodes.map((node) => node.label))) {
    labels.set(label, inferTypes(sortedNodes.filter((node) => node.label === label).map(nodeProperties)));
  }
  const types = new Map([...new Set(relationships.map((edge) => edge.type))].map((type) => [type, new Map<string, PropertyType>()]));
  return {
    release,
    truncated,
    schema: { labels, types },
    nodes: async function* (label) {
      yield* sortedNodes.filter((node) => label === undefined || node.label === label);
    },
    relationships: async function* (type) {
      yield* relationships.filter((edge) => type === undefined || edge.type === type);
    },
    nodesWithEdges: async function* () {
      for (const node of sortedNodes) yield { node, edges: relationships.filter((edge) => edge.from === node.id) };
    },
  };
}
