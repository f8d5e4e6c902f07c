import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyScriptDir, applySeed, graphCounts } from '../../src/db/scripts.js';
import { testDatabase } from '../neo4j.js';

// Derived once from survey.json (node -e over ../shared/data/survey.json); the test never reads the facts file.
const LABEL_COUNTS = { Dataset: 263, Domain: 5, Entity: 769, Model: 426, Task: 75 };
const RELATIONSHIP_COUNTS = {
  BASED_ON: 192,
  BENCHMARKED_ON: 331,
  EVALUATED_ON: 493,
  HAS_TASK: 75,
  IN_DOMAIN: 400,
  PERFORMS: 687,
  TRAINED_ON: 355,
};

describe('seed', () => {
  const db = testDatabase();
  afterAll(() => db.close());

  it('holds exactly the counts of the facts per label and relationship type', async () => {
    expect(await graphCounts(db)).toEqual({ labels: LABEL_COUNTS, relationships: RELATIONSHIP_COUNTS });
  });

  it('links esm-2 to its domain, tasks and datasets as the facts say', async () => {
    const [row] = await db.read(`
      MATCH (m:Model {id: 'esm-2'})
      RETURN COLLECT { MATCH (m)-[:IN_DOMAIN]->(d) RETURN d.id ORDER BY d.id } AS domains,
             COLLECT { MATCH (m)-[:PERFORMS]->(t) RETURN t.id ORDER BY t.id } AS tasks,
             COLLECT { MATCH (m)-[:TRAINED_ON]->(d) RETURN d.id ORDER BY d.id } AS trainedOn,
             COLLECT { MATCH (m)-[:EVALUATED_ON]->(d) RETURN d.id ORDER BY d.id } AS evaluatedOn,
             m.parameters AS parameters, m.year AS year, m.paperVenue AS venue`);
    expect(row).toEqual({
      domains: ['computational-biology'],
      tasks: ['protein-function-prediction', 'protein-structure-prediction', 'variant-effect-prediction'],
      trainedOn: ['uniref50', 'uniref90'],
      evaluatedOn: ['cameo', 'casp14'],
      parameters: 15_000_000_000,
      year: 2022,
      venue: 'Science',
    });
  });

  it('knows what biobert is based on and the datasets of protein structure prediction', async () => {
    const [based] = await db.read("MATCH (:Model {id: 'biobert'})-[:BASED_ON]->(b) RETURN collect(b.id) AS ids");
    expect(based?.['ids']).toEqual(['bert']);
    const [datasets] = await db.read(
      "MATCH (:Task {id: 'protein-structure-prediction'})-[:BENCHMARKED_ON]->(d) WITH d ORDER BY d.id RETURN collect(d.id) AS ids",
    );
    expect(datasets?.['ids']).toEqual(['cameo', 'casp14', 'cb513', 'pdb', 'sabdab', 'tape']);
  });

  it('leaves missing facts as absent properties, never empty strings or zero', async () => {
    const [row] = await db.read("MATCH (m:Model {id: 'prott5'}) RETURN keys(m) AS keys, m.year AS year");
    expect(row?.['year']).toBeNull();
    expect(row?.['keys']).not.toContain('year');
    const [empties] = await db.read(
      "MATCH (n:Entity) UNWIND keys(n) AS k WITH n, k WHERE n[k] = '' OR n[k] = [] RETURN count(*) AS count",
    );
    expect(empties?.['count']).toBe(0);
  });

  it('changes no count when seeded a second time', async () => {
    await applySeed(db);
    expect(await graphCounts(db)).toEqual({ labels: LABEL_COUNTS, relationships: RELATIONSHIP_COUNTS });
  });

  it('rejects a second entity with an existing id, even under another label', async () => {
    await expect(db.write("CREATE (:Entity:Dataset {id: 'esm-2', name: 'duplicate'})")).rejects.toThrow(/already exists/);
    expect((await graphCounts(db)).labels).toEqual(LABEL_COUNTS);
  });

  it('names the file, statement number and line of a broken seed statement', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broken-seed-'));
    writeFileSync(path.join(dir, '01-broken.cypher'), "// fine first\nRETURN 1;\n\nMATCH (n:Model {id: 'x'})\nRETRUN n;\n");
    await expect(applyScriptDir(db, dir)).rejects.toThrow(/01-broken\.cypher statement 2 \(line 4\) failed: .*RETRUN/s);
  });
});
