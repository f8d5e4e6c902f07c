/**
 * Model.ancestors and Model.descendants: the models reachable over BASED_ON in one direction, each once at its
 * nearest depth, for many start models at once in one Cypher query.
 *
 * One breadth-first search per start (ANY SHORTEST to every model reached) visits each model once, so diamonds
 * and cycles cost nothing extra and a model reached twice appears once. The `via` of a step is, among the models
 * one hop closer that it is linked to, the first by name: the search's own choice would depend on storage order.
 */
import { textFor } from './literal-texts.js';
import { compactProjection } from './projections.js';
import type { ModelRow } from './rows.js';

export type LineageDirection = 'ancestors' | 'descendants';

/** The largest maxDepth the API accepts. */
export const MAX_LINEAGE_DEPTH = 20;

export interface LineageStepRow {
  model: ModelRow;
  depth: number;
  via: ModelRow;
}

// Fixed text per direction: one hop away from the start, and the same hop seen from the far end back.
const HOP: Record<LineageDirection, { away: string; back: string }> = {
  ancestors: { away: '-[:BASED_ON]->', back: '<-[:BASED_ON]-' },
  descendants: { away: '<-[:BASED_ON]-', back: '-[:BASED_ON]->' },
};

/**
 * Params: $ids (start model ids). Returns one row per known start: id, start (its full row, as the entity loader
 * reads it, so that a model asked for with its lineage needs no query of its own), steps (LineageStepRow maps
 * ordered by depth, then name, then id) up to `maxDepth` hops away. The hop patterns come from HOP, chosen by
 * direction. The depth is a pattern's quantifier, which Cypher takes only as a literal: the text is one of those
 * made once for 1..MAX_LINEAGE_DEPTH. A bound tested after the search (`length(p) <= $maxDepth` under `{1,20}`)
 * let it walk every hop first: LLaMA's descendants at depth 1 read 635 database hits that way (876 at depth 20),
 * searched to depth 1, 283.
 */
export function lineageQuery(direction: LineageDirection, maxDepth: number): string {
  return textFor(LINEAGE_QUERIES[direction], maxDepth, "a lineage's depth");
}

function lineageText(direction: LineageDirection, maxDepth: number): string {
  const { away, back } = HOP[direction];
  return [
    'UNWIND $ids AS id',
    'MATCH (start:Model {id: id})',
    'CALL (start) {',
    `  MATCH p = ANY SHORTEST (start)((:Model)${away}(:Model)){1,${String(maxDepth)}}(n:Model)`,
    '  WHERE n <> start',
    '  RETURN collect({node: n, depth: length(p)}) AS reached',
    '}',
    // levels[k]: the models at depth k (the start at 0), to find each step's way back one level closer.
    `WITH start, reached, [k IN range(0, ${String(maxDepth - 1)}) | CASE k WHEN 0 THEN [start] ELSE [s IN reached WHERE s.depth = k | s.node] END] AS levels`,
    'CALL (reached, levels) {',
    '  UNWIND reached AS s',
    '  WITH s.node AS n, s.depth AS depth, levels[s.depth - 1] AS closer',
    '  CALL (n, closer) {',
    `    MATCH (n)${back}(v:Model) WHERE v IN closer`,
    '    RETURN v ORDER BY toLower(v.name), v.id LIMIT 1',
    '  }',
    '  WITH n, depth, v ORDER BY depth, toLower(n.name), n.id',
    `  RETURN collect({model: ${compactProjection('n', 'Model')}, depth: depth, via: ${compactProjection('v', 'Model')}}) AS steps`,
    '}',
    "RETURN start.id AS id, start {.*, label: 'Model'} AS start, steps",
  ].join('\n');
}

const LINEAGE_QUERIES = Object.fromEntries(
  (Object.keys(HOP) as LineageDirection[]).map((direction) => [
    direction,
    Array.from({ length: MAX_LINEAGE_DEPTH }, (_, i) => lineageText(direction, i + 1)),
  ]),
) as Record<LineageDirection, string[]>;
