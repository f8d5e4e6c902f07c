/** The neighbourhood of an entity within a few relationships (paths between two entities: db/paths.ts). */
import type { Reader } from './database.js';
import { anyLabelProjection, labelOf } from './projections.js';
import type { EdgeRow, EntityRow, SubgraphRow } from './rows.js';

/** Most entities a neighbourhood returns, so that a hub cannot blow up the response. */
export const NEIGHBORHOOD_NODE_LIMIT = 200;

/**
 * One breadth-first level: the entities one relationship away from the frontier (either direction) that are not
 * yet seen, nearest names first, at most as many as there is room for plus one (to learn whether the limit cut
 * any off). A level after a truncated one finds nothing. $limit bounds the sort (room + 1 is never more).
 */
const LEVEL = `
CALL (seen, frontier, truncated) {
  UNWIND CASE WHEN truncated THEN [] ELSE frontier END AS f
  MATCH (f)--(n:Entity)
  WHERE NOT n IN seen
  WITH DISTINCT n ORDER BY toLower(n.name), n.id LIMIT $limit
  RETURN collect(n) AS found
}
WITH seen + found[0..$limit - size(seen)] AS seen, found[0..$limit - size(seen)] AS frontier,
     truncated OR size(found) > $limit - size(seen) AS truncated`;

/**
 * The neighbourhood in one query: `depth` copies of LEVEL (the only interpolation besides the projection: a count
 * checked to be 1..3 at the root), then the entities and every relationship among them.
 * Params: $id, $limit. Returns one row (none for an unknown id): nodes (entity rows, centre first, then level by
 * level: full rows, or compact ones carrying `properties` when given), edges ({type, from, to} by from, type,
 * to), truncated.
 */
export function neighborhoodQuery(depth: number, properties?: readonly string[]): string {
  const row = properties ? anyLabelProjection('n', properties) : `n {.*, label: ${labelOf('n')}}`;
  return [
    'MATCH (c:Entity {id: $id})',
    'WITH [c] AS seen, [c] AS frontier, false AS truncated',
    ...Array.from({ length: depth }, () => LEVEL),
    'CALL (seen) {',
    '  UNWIND seen AS a',
    '  MATCH (a)-[r]->(b:Entity)',
    '  WHERE b IN seen',
    '  WITH type(r) AS type, a.id AS from, b.id AS to ORDER BY from, type, to',
    '  RETURN collect({type: type, from: from, to: to}) AS edges',
    '}',
    `RETURN [n IN seen | ${row}] AS nodes, edges, truncated`,
  ].join('\n');
}

/**
 * Breadth-first up to `depth` levels, nearest entities first, then by name; stops adding entities at the limit.
 * One query whatever the depth: the levels, the entities and the relationships among them travel together. The
 * entities are full rows, or compact ones carrying the stored `properties` a request selects.
 */
export async function neighborhood(reader: Reader, id: string, depth: number, properties?: readonly string[]): Promise<SubgraphRow | null> {
  const [row] = await reader.read(neighborhoodQuery(depth, properties), { id, limit: NEIGHBORHOOD_NODE_LIMIT });
  if (!row) return null;
  return {
    nodes: row['nodes'] as unknown as EntityRow[],
    edges: row['edges'] as unknown as EdgeRow[],
    truncated: row['truncated'] === true,
  };
}
