/**
 * The search relevance set (test/relevance/search.json: what people type, and the ids a good answer shows within
 * its first k hits) and its evaluation against the graph: pass rate overall and by category, and every miss.
 * Used by `npm run search:eval` and by the tests, which require REQUIRED_PASS_RATE.
 */
import { readFileSync } from 'node:fs';
import type { Reader } from '../db/database.js';
import { runSearches, searchPlan, type RankedHit } from '../db/search.js';
import type { EntityKind } from '../generated/graphql.js';
import { projectPath } from '../paths.js';
import { kindLabels } from '../resolvers/enum-values.js';

export const RELEVANCE_SET = projectPath('test', 'relevance', 'search.json');
/** Share of the set's queries that must pass. */
export const REQUIRED_PASS_RATE = 0.9;

export interface RelevanceQuery {
  /** What kind of query it is (name, nickname, id, typo, topic, ...), for the report. */
  category: string;
  query: string;
  kinds?: EntityKind[];
  /** How many hits are looked at. */
  k: number;
  /** Ids that must all be among the first k hits. */
  expect: string[];
}

export interface Miss {
  query: RelevanceQuery;
  /** Expected ids not among the first k hits. */
  missing: string[];
  /** The ids of the first k hits. */
  got: string[];
}

export interface RelevanceResult {
  total: number;
  passed: number;
  passRate: number;
  /** Per category: [passed, total]. */
  byCategory: Record<string, [number, number]>;
  misses: Miss[];
}

function isRelevanceQuery(value: unknown): value is RelevanceQuery {
  const q = value as Partial<RelevanceQuery> | null;
  return (
    typeof q?.category === 'string' &&
    typeof q.query === 'string' &&
    Number.isInteger(q.k) &&
    (q.k ?? 0) > 0 &&
    Array.isArray(q.expect) &&
    q.expect.length > 0 &&
    q.expect.every((id) => typeof id === 'string') &&
    (q.kinds === undefined || Array.isArray(q.kinds))
  );
}

/** Reads and checks the set; a malformed entry is an error naming it. */
export function loadRelevanceSet(file = RELEVANCE_SET): RelevanceQuery[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { queries?: unknown };
  if (!Array.isArray(parsed.queries)) throw new Error(`${file}: expected {"queries": [...]}`);
  return parsed.queries.map((entry, i) => {
    if (!isRelevanceQuery(entry)) throw new Error(`${file}: query ${String(i + 1)} is malformed: ${JSON.stringify(entry)}`);
    return entry;
  });
}

/** Queries per round trip: one statement for the whole set could outlast CYPHER_TIMEOUT_MS on a busy machine. */
const BATCH = 10;

/** Runs every query of the set, a batch per round trip, and scores the answers. */
export async function evaluateSearch(reader: Reader, queries: RelevanceQuery[]): Promise<RelevanceResult> {
  const plans = queries.map((q, i) => searchPlan(i, q.query, { first: q.k, labels: kindLabels(q.kinds), words: true }));
  const answers: RankedHit[][] = [];
  for (let i = 0; i < plans.length; i += BATCH) answers.push(...(await runSearches(reader, plans.slice(i, i + BATCH))));
  const byCategory: Record<string, [number, number]> = {};
  const misses: Miss[] = [];
  queries.forEach((query, i) => {
    const got = (answers[i] ?? []).map((hit) => hit.node.id);
    const missing = query.expect.filter((id) => !got.includes(id));
    const tally = (byCategory[query.category] ??= [0, 0]);
    tally[1] += 1;
    if (missing.length === 0) tally[0] += 1;
    else misses.push({ query, missing, got });
  });
  const passed = queries.length - misses.length;
  return { total: queries.length, passed, passRate: queries.length === 0 ? 0 : passed / queries.length, byCategory, misses };
}

/** The report `npm run search:eval` prints. */
export function formatRelevance(result: RelevanceResult): string {
  const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
  const lines = [
    `search relevance: ${String(result.passed)}/${String(result.total)} queries pass (${percent(result.passRate)}; ` +
      `required ${percent(REQUIRED_PASS_RATE)})`,
    ...Object.entries(result.byCategory).map(([category, [passed, total]]) => `  ${category.padEnd(14)} ${String(passed)}/${String(total)}`),
  ];
  if (result.misses.length > 0) lines.push('misses:');
  for (const { query, missing, got } of result.misses) {
    const kinds = query.kinds ? ` kinds ${query.kinds.join(',')}` : '';
    lines.push(`  "${query.query}"${kinds} (${query.category}): ${missing.join(', ')} not in the top ${String(query.k)}: ${got.join(', ') || 'nothing'}`);
  }
  return lines.join('\n');
}
