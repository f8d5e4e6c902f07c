/** The neighbourhood of an entity within a few relationships (paths between two entities: db/paths.ts). */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { EdgeRow, EntityRow, SubgraphRow } from './rows.js';

/** Most entities a neighbourhood returns, so that a hub cannot blow up the response. */
export const NEIGHBORHOOD_NODE_LIMIT = 200;

/**
 * Breadth-first: one query per level (at most `depth`), nearest entities first, then by name; stops adding
 * entities at the limit. Then one query for the entities and one for the relationships among them. An unknown
 * id has no neighbours, so it costs the first level and the entity query, which finds nothing for it.
 */
export async function neighborhood(
  reader: Reader,
  loadEntities: (ids: string[]) => Promise<(EntityRow | null)[]>,
  id: string,
  depth: number,
): Promise<SubgraphRow | null> {
  const seen = [id];
  let frontier = [id];
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0 && !truncated; level += 1) {
    const room = NEIGHBORHOOD_NODE_LIMIT - seen.length;
    // Ask for one more than there is room for, to learn whether the limit cut anything off.
    const rows = await reader.read(cypherQuery('neighbor-ids'), { ids: frontier, seen, limit: room + 1 });
    frontier = rows.map((row) => String(row['id'])).slice(0, room);
    truncated = rows.length > room;
    seen.push(...frontier);
  }
  const [nodes, edgeRows] = await Promise.all([
    loadEntities(seen),
    reader.read(cypherQuery('edges-among'), { ids: seen }),
  ]);
  if (!nodes[0]) return null;
  return {
    nodes: nodes.filter((node): node is EntityRow => node !== null),
    edges: edgeRows as unknown as EdgeRow[],
    truncated,
  };
}
