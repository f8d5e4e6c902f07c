import { afterAll, describe, expect, it } from 'vitest';
import { evaluateSearch, formatRelevance, loadRelevanceSet, REQUIRED_PASS_RATE } from '../../src/eval/search-relevance.js';
import { testDatabase } from '../neo4j.js';

describe('the search relevance set (test/relevance/search.json)', () => {
  const db = testDatabase({ transactionTimeoutMs: 120_000 });
  afterAll(() => db.close());
  const queries = loadRelevanceSet();

  it('holds at least 60 queries of the kinds people type', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(queries.map((query) => query.category))).toEqual(
      new Set(['name', 'nickname', 'id', 'typo', 'topic', 'plural', 'dataset', 'organization', 'accent', 'kinds']),
    );
  });

  it('expects only ids the graph has', async () => {
    const ids = [...new Set(queries.flatMap((query) => query.expect))].sort();
    const rows = await db.read('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id ORDER BY id', { ids });
    expect(rows.map((row) => row['id'])).toEqual(ids);
  });

  it(`passes at least ${String(REQUIRED_PASS_RATE * 100)}% of its queries`, async () => {
    const result = await evaluateSearch(db.reader({ cypherQueries: 0 }), queries);
    expect(result.total).toBe(queries.length);
    expect(result.passRate, formatRelevance(result)).toBeGreaterThanOrEqual(REQUIRED_PASS_RATE);
  });
});
