/**
 * Paths between two entities: one shortest path (Query.path), or several, optionally restricted to some
 * relationship types and avoiding some labels between the ends (Query.paths). Each is one Cypher query that
 * also says whether both ends exist, so that an unknown id and "no path" can be told apart.
 */
import type { Reader, Row } from './database.js';
import { cypherQuery } from './queries.js';
import type { EdgeRow, EntityRow, PathRow } from './rows.js';

/** The answer, or which end names no entity (`from` is checked first). */
export type EndsChecked<T> = { missing: 'from' | 'to' } | { missing: null; value: T };

export interface PathOptions {
  /** 1..6 */
  maxHops: number;
  /** 1..20 */
  first: number;
  /** Relationship types a path may use; null for all. */
  types: string[] | null;
  /** Labels no entity between the two ends may have. */
  avoidLabels: string[];
}

function checkEnds<T>(row: Row | undefined, value: () => T): EndsChecked<T> {
  if (!row?.['fromFound']) return { missing: 'from' };
  if (!row['toFound']) return { missing: 'to' };
  return { missing: null, value: value() };
}

function toPath(nodes: unknown, edges: unknown): PathRow {
  const edgeRows = edges as EdgeRow[];
  return { length: edgeRows.length, nodes: nodes as EntityRow[], edges: edgeRows };
}

export async function shortestPath(
  reader: Reader,
  loadEntity: (id: string) => Promise<EntityRow | null>,
  from: string,
  to: string,
  maxHops: number,
): Promise<EndsChecked<PathRow | null>> {
  // shortestPath refuses equal ends; the path from an entity to itself is the entity alone.
  if (from === to) {
    const node = await loadEntity(from);
    return node ? { missing: null, value: { length: 0, nodes: [node], edges: [] } } : { missing: 'from' };
  }
  const [row] = await reader.read(cypherQuery('shortest-path'), { from, to, maxHops });
  return checkEnds(row, () => (row?.['nodes'] ? toPath(row['nodes'], row['edges']) : null));
}

export async function findPaths(reader: Reader, from: string, to: string, options: PathOptions): Promise<EndsChecked<PathRow[]>> {
  const [row] = await reader.read(cypherQuery('paths'), { from, to, ...options });
  return checkEnds(row, () => (row?.['paths'] as { nodes: unknown; edges: unknown }[]).map((p) => toPath(p.nodes, p.edges)));
}
