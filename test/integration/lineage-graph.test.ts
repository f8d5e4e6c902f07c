/**
 * Lineage over shapes the real facts do not have: a cycle and a diamond with a shortcut, written in a transaction
 * that is rolled back, so no other test ever sees them. The queries run inside that transaction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Session, type Transaction } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reader, Row } from '../../src/db/database.js';
import { lineageQuery, type LineageDirection, type LineageStepRow } from '../../src/db/lineage.js';
import { splitStatements } from '../../src/db/cypher-script.js';
import { modelCountQuery } from '../../src/db/model-page.js';
import { SCRIPT_DIRS } from '../../src/db/scripts.js';
import { toParameter, toPlain } from '../../src/db/values.js';
import { testNeo4j } from '../neo4j.js';

// cycle: c1 -> c2 -> c3 -> c1 (-> is BASED_ON). diamond: a, b and e on r; d on a and b; e also on d.
const FIXTURE = `
UNWIND ['c1', 'c2', 'c3', 'r', 'a', 'b', 'd', 'e'] AS key
CREATE (:Entity:Model {id: 'fixture-' + key, name: 'Fixture ' + toUpper(key)})
WITH count(*) AS created
UNWIND [['c1', 'c2'], ['c2', 'c3'], ['c3', 'c1'], ['a', 'r'], ['b', 'r'], ['d', 'a'], ['d', 'b'], ['e', 'd'], ['e', 'r']] AS pair
MATCH (x:Model {id: 'fixture-' + pair[0]}), (y:Model {id: 'fixture-' + pair[1]})
CREATE (x)-[:BASED_ON]->(y)`;

type Step = [model: string, depth: number, via: string];

describe('lineage over cycles and diamonds', () => {
  const { uri, user, password, database } = testNeo4j();
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
  let session: Session;
  let tx: Transaction;
  const reader: Reader = {
    async read(query, params = {}) {
      const result = await tx.run(query, toParameter(params) as Record<string, unknown>);
      return result.records.map((record) => toPlain(record.toObject()) as Row);
    },
  };

  beforeAll(async () => {
    session = driver.session({ database });
    tx = session.beginTransaction();
    await tx.run(FIXTURE);
    // The filters read the ancestors stored after the seed: stored here for the fixture's models alone (this
    // transaction is rolled back; the seeded models keep theirs, and are not locked).
    const script = readFileSync(path.join(SCRIPT_DIRS.derived, '04-model-ancestors.cypher'), 'utf8');
    const [statement] = splitStatements(script);
    const fixtureOnly = statement!.text.replace('MATCH (m:Model)\n', "MATCH (m:Model) WHERE m.id STARTS WITH 'fixture-'\n");
    expect(fixtureOnly).not.toBe(statement!.text);
    await tx.run(fixtureOnly);
  });

  afterAll(async () => {
    await tx.rollback();
    await session.close();
    await driver.close();
  });

  async function lineage(direction: LineageDirection, key: string, maxDepth = 20): Promise<Step[]> {
    const [row] = await reader.read(lineageQuery(direction, maxDepth), { ids: [`fixture-${key}`] });
    const strip = (id: string) => id.replace('fixture-', '');
    return (row!['steps'] as unknown as LineageStepRow[]).map((s) => [strip(s.model.id), s.depth, strip(s.via.id)]);
  }

  it('follows a cycle around once, leaving out the start', async () => {
    expect(await lineage('descendants', 'c1')).toEqual([['c3', 1, 'c1'], ['c2', 2, 'c3']]);
    expect(await lineage('ancestors', 'c1')).toEqual([['c2', 1, 'c1'], ['c3', 2, 'c2']]);
  });

  it('lists a model reached several ways once, at its nearest depth, via the first by name', async () => {
    expect(await lineage('descendants', 'r')).toEqual([['a', 1, 'r'], ['b', 1, 'r'], ['e', 1, 'r'], ['d', 2, 'a']]);
    expect(await lineage('ancestors', 'e')).toEqual([['d', 1, 'e'], ['r', 1, 'e'], ['a', 2, 'd'], ['b', 2, 'd']]);
  });

  it('cuts at maxDepth', async () => {
    expect(await lineage('descendants', 'r', 1)).toEqual([['a', 1, 'r'], ['b', 1, 'r'], ['e', 1, 'r']]);
    expect(await lineage('descendants', 'c1', 1)).toEqual([['c3', 1, 'c1']]);
  });

  it('filters models by descendantOf and ancestorOf through cycles and diamonds', async () => {
    const count = async (filter: Record<string, string>) =>
      (await reader.read(modelCountQuery('all', filter), { parentIds: [''], filter }))[0]!['total'];
    expect(await count({ descendantOf: 'fixture-c1' })).toBe(2);
    expect(await count({ descendantOf: 'fixture-r' })).toBe(4);
    expect(await count({ ancestorOf: 'fixture-e' })).toBe(4);
    expect(await count({ ancestorOf: 'fixture-c2' })).toBe(2);
  });
});
