/**
 * Paths between two entities: one shortest path (Query.path), or several, optionally restricted to some
 * relationship types and avoiding some labels between the ends (Query.paths). Each is one Cypher query that
 * also says whether both ends exist, so that an unknown id and "no path" can be told apart.
 */
import type { Reader, Row } from './database.js';
import { textFor } from './literal-texts.js';
import { cypherTemplate, type TemplateName } from './queries.js';
import type { EdgeRow, EntityRow, PathRow } from './rows.js';

/** The largest maxHops the API accepts. */
export const MAX_PATH_HOPS = 6;

/** Where a path query's template (cypher/queries/) has its pattern's length. */
const HOPS_PLACEHOLDER = 'MAX_HOPS';

/**
 * A template's texts for maxHops 1..MAX_PATH_HOPS: the placeholder replaced by the number on every line but
 * comments (which name the placeholder). A template without one fails at start-up.
 */
function textsByHops(name: TemplateName): string[] {
  const lines = cypherTemplate(name).split('\n');
  const isCypher = (line: string): boolean => !line.trimStart().startsWith('//');
  if (!lines.some((line) => isCypher(line) && line.includes(HOPS_PLACEHOLDER))) {
    throw new Error(`cypher/queries/${name}.cypher has no ${HOPS_PLACEHOLDER} in its pattern`);
  }
  return Array.from({ length: MAX_PATH_HOPS }, (_, i) =>
    lines.map((line) => (isCypher(line) ? line.replaceAll(HOPS_PLACEHOLDER, String(i + 1)) : line)).join('\n'),
  );
}

const PATH_QUERIES: Record<TemplateName, string[]> = { 'shortest-path': textsByHops('shortest-path'), paths: textsByHops('paths') };

/**
 * The text of a path query searching at most `maxHops` relationships: one of those made at load. A pattern's
 * length is a literal in Cypher; a bound tested after a search to the largest maxHops let every search run that
 * far (paths between medical-imaging and drug-discovery within 2 hops read 10,666 database hits that way, searched
 * to 2 hops, 1,002).
 */
export function pathQuery(name: TemplateName, maxHops: number): string {
  return textFor(PATH_QUERIES[name], maxHops, "a path's maxHops");
}

/**
 * How many of the shortest paths between two entities `paths` orders (by the names along them) to keep the first:
 * more than all but the farthest pairs have, and a bound on the work of those (see paths.cypher).
 */
export const MAX_PATHS_ORDERED = 1000;

/** The paths kept, and whether they were taken from the first MAX_PATHS_ORDERED found rather than from all. */
export interface FoundPaths {
  paths: PathRow[];
  sampled: boolean;
}

/** The answer, or which end names no entity (`from` is checked first). */
export type EndsChecked<T> = { missing: 'from' | 'to' } | { missing: null; value: T };

export interface PathOptions {
  /** 1..MAX_PATH_HOPS */
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
  const [row] = await reader.read(pathQuery('shortest-path', maxHops), { from, to });
  return checkEnds(row, () => (row?.['nodes'] ? toPath(row['nodes'], row['edges']) : null));
}

export async function findPaths(reader: Reader, from: string, to: string, options: PathOptions): Promise<EndsChecked<FoundPaths>> {
  const { maxHops, ...params } = options;
  const [row] = await reader.read(pathQuery('paths', maxHops), { from, to, ...params, enumerated: MAX_PATHS_ORDERED });
  return checkEnds(row, () => ({
    paths: (row?.['paths'] as { nodes: unknown; edges: unknown }[]).map((p) => toPath(p.nodes, p.edges)),
    sampled: row?.['sampled'] === true,
  }));
}
