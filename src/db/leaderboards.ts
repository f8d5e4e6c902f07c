/**
 * Leaderboards: the results of one (dataset, metric, setting), best first, ranked with ties sharing a rank. The
 * lists of leaderboards come from cypher/queries/leaderboards.cypher; a leaderboard's entries and a model's
 * results are built here, since both rank the same way and the entries take the models' filters.
 *
 * Results of different settings are never compared: every rank and order below is within one leaderboard.
 */
import type { Reader } from './database.js';
import { filterConditions, type ModelFilter } from './model-page.js';
import { compactProjection } from './projections.js';
import { cypherQuery } from './queries.js';
import type { DatasetRow, ModelRow, ResultNodeRow } from './rows.js';

/** One leaderboard: a dataset, a metric and a setting, and how many results it holds. */
export interface LeaderboardRow {
  dataset: DatasetRow;
  metric: string;
  setting: string;
  higherIsBetter: boolean;
  totalCount: number;
}

/** A Result node's properties as stored (a missing fact is an absent property), its rank, model and dataset. */
export interface ResultRow extends Omit<ResultNodeRow, 'label'> {
  /** 1 + the number of results of its leaderboard that are strictly better. */
  rank: number;
  model: ModelRow;
  dataset: DatasetRow;
}

/** Where a result was read. */
export interface SourceRow {
  title: string;
  url?: string;
  kind?: string;
}

/** What picks one leaderboard. */
export interface LeaderboardKey {
  dataset: string;
  metric: string;
  setting: string;
}

/** Every leaderboard, or those of a task's and/or a domain's datasets. */
export async function listLeaderboards(reader: Reader, task: string | null, domain: string | null): Promise<LeaderboardRow[]> {
  return (await reader.read(cypherQuery('leaderboards'), { datasetIds: null, task, domain })) as unknown as LeaderboardRow[];
}

/** The leaderboards of many datasets at once, in the order of leaderboards.cypher. */
export async function leaderboardsOfDatasets(reader: Reader, datasetIds: readonly string[]): Promise<LeaderboardRow[]> {
  return (await reader.read(cypherQuery('leaderboards'), { datasetIds, task: null, domain: null })) as unknown as LeaderboardRow[];
}

/**
 * The rank of a result whose value is bound to `value` and direction to `higher`, among `values`, the values of
 * every result of its leaderboard: one more than the values strictly better, so ties share a rank and the next
 * rank skips as many places (1, 2, 2, 4). Compared in memory: a leaderboard's values are read once, not per pair.
 */
function rankAmong(values: string): string {
  return `1 + size([v IN ${values} WHERE CASE WHEN higher THEN v > value ELSE v < value END])`;
}

// Best first is rank order; equal values by model name, then variant, then the result's id, so the order is total.
const TIES = "toLower(m.name), m.id, toLower(coalesce(r.variant, '')), r.id";

const RESULT = `r {.*, rank: rank, model: ${compactProjection('m', 'Model')}, dataset: ${compactProjection('d', 'Dataset')}}`;

/**
 * The first $first entries of each of $boards ({dataset, metric, setting}), of the models matching `filter`,
 * best first. Ranks count every result of the leaderboard, filtered out or not. Params: $boards, $first, $filter.
 * Returns one row per board that has results: dataset, metric, setting, entries (Result rows).
 */
export function entriesQuery(filter: ModelFilter): string {
  const conditions = filterConditions(filter);
  // Fixed text only: the conditions come from model-page.ts's table (chosen by filter keys), the rank, TIES and RESULT
  // from this module; every value travels as a parameter.
  return [
    'UNWIND $boards AS board',
    'CALL (board) {',
    '  MATCH (d:Dataset {id: board.dataset})<-[:ON]-(r:Result {metric: board.metric, setting: board.setting})',
    '  WITH d, collect(r) AS results, collect(r.value) AS values',
    '  UNWIND results AS r',
    '  MATCH (r)<-[:ACHIEVED]-(m:Model)',
    ...(conditions.length > 0 ? [`  WHERE ${conditions.join('\n    AND ')}`] : []),
    '  WITH d, r, m, values, r.value AS value, r.higherIsBetter AS higher',
    `  WITH d, r, m, ${rankAmong('values')} AS rank`,
    `  ORDER BY rank, ${TIES}`,
    '  LIMIT $first',
    `  RETURN collect(${RESULT}) AS entries`,
    '}',
    'RETURN board.dataset AS dataset, board.metric AS metric, board.setting AS setting, entries',
  ].join('\n');
}

/**
 * The results of each of $modelIds, only those on $dataset unless it is null; by dataset name, metric and setting,
 * then best first. Params: $modelIds, $dataset. Returns one row per model: modelId, results (Result rows).
 */
export const MODEL_RESULTS_QUERY = [
  'UNWIND $modelIds AS modelId',
  'CALL (modelId) {',
  '  MATCH (m:Model {id: modelId})-[:ACHIEVED]->(r:Result)-[:ON]->(d:Dataset)',
  '  WHERE $dataset IS NULL OR d.id = $dataset',
  '  WITH d, r, m, r.value AS value, r.higherIsBetter AS higher,',
  '       COLLECT { MATCH (d)<-[:ON]-(o:Result {metric: r.metric, setting: r.setting}) RETURN o.value } AS values',
  `  WITH d, r, m, ${rankAmong('values')} AS rank`,
  // Metrics and settings are names: case-insensitively, as every list of the API, the exact text breaking ties.
  `  ORDER BY toLower(d.name), d.id, toLower(r.metric), r.metric, toLower(r.setting), r.setting, rank, ${TIES}`,
  `  RETURN collect(${RESULT}) AS results`,
  '}',
  'RETURN modelId, results',
].join('\n');
