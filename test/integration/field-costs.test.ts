import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbHitsProbe, type DbHitsProbe } from '../../src/bench/db-hits.js';
import { FIELD_COSTS } from '../../src/limits/field-costs.js';
import { testDatabase } from '../neo4j.js';

interface Probe {
  field: string;
  /** Where `npm run field-cost` found the worst case on the survey graph. */
  query: string;
  variables: Record<string, unknown>;
  /** The field's arguments in that query, as the estimate sees them. */
  args: Record<string, unknown>;
}

const NEIGHBORHOOD = 'query($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { nodes { id } edges { type } } }';

const PROBES: Probe[] = [
  { field: 'Query.neighborhood', query: NEIGHBORHOOD, variables: { id: 'medical-imaging', depth: 1 }, args: { depth: 1 } },
  { field: 'Query.neighborhood', query: NEIGHBORHOOD, variables: { id: 'medical-imaging', depth: 2 }, args: { depth: 2 } },
  { field: 'Query.neighborhood', query: NEIGHBORHOOD, variables: { id: 'pubmedbert', depth: 3 }, args: { depth: 3 } },
  { field: 'Query.path', query: '{ path(from: "pdb", to: "medical-imaging", maxHops: 6) { length } }', variables: {}, args: { maxHops: 6 } },
  { field: 'Query.relatedModels', query: '{ relatedModels(id: "me-llama", first: 100) { score } }', variables: {}, args: { first: 100 } },
  { field: 'Query.search', query: '{ search(text: "a b c d e f g h i j k l m n o p", first: 100) { score } }', variables: {}, args: { first: 100 } },
];

/**
 * The table must hold the worst case (measured here at least as high as the graph makes it) without inflating it:
 * below this share of its figure the entry is a guess, not a measurement, and must be measured again.
 */
const LEAST_SHARE_MEASURED = 0.7;

describe('the field costs of the node estimate, on the survey graph', () => {
  const db = testDatabase();
  let probe: DbHitsProbe;
  beforeAll(async () => {
    probe = await dbHitsProbe(db);
  });
  afterAll(async () => {
    await probe.stop();
    await db.close();
  });

  it('has a worst-case probe for every field of the table', () => {
    expect(new Set(PROBES.map((p) => p.field))).toEqual(new Set(Object.keys(FIELD_COSTS)));
  });

  it.each(PROBES.map((p) => [`${p.field} ${JSON.stringify(p.args)}`, p] as const))('%s costs what the table says', async (_name, p) => {
    const { dbHits, errors } = await probe.measure(p.query, p.variables);
    expect(errors).toEqual([]);
    const registered = FIELD_COSTS[p.field]!.dbHits(p.args);
    expect(dbHits).toBeLessThanOrEqual(registered);
    expect(dbHits).toBeGreaterThan(LEAST_SHARE_MEASURED * registered);
  });
});
