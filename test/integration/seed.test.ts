import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareStatement } from '../../src/db/cypher-script.js';
import { applyScriptDir, graphCounts } from '../../src/db/scripts.js';
import { readSeedManifest } from '../../src/db/seed-manifest.js';
import { readFacts } from '../../src/facts/facts-files.js';
import { testDatabase } from '../neo4j.js';

describe('the seeded graph', () => {
  const db = testDatabase();
  const facts = readFacts();
  const manifest = readSeedManifest();
  afterAll(() => db.close());

  it('holds exactly the counts of seed/manifest.json per label and relationship type', async () => {
    expect(await graphCounts(db)).toEqual({ labels: manifest.labels, relationships: manifest.relationships });
  });

  it('holds at most the models per domain, task and organisation (with its parts) that seed/manifest.json says', async () => {
    const [row] = await db.read(`
      RETURN
        COLLECT { MATCH (d:Domain) RETURN COUNT { (d)<-[:IN_DOMAIN]-(:Model) } AS n ORDER BY n DESC LIMIT 1 }[0] AS Domain,
        COLLECT { MATCH (t:Task) RETURN COUNT { (t)<-[:PERFORMS]-(:Model) } AS n ORDER BY n DESC LIMIT 1 }[0] AS Task,
        COLLECT {
          MATCH (o:Organization)
          RETURN COUNT { MATCH (o)<-[:PART_OF*0..]-(:Organization)<-[:DEVELOPED_BY]-(m:Model) RETURN DISTINCT m } AS n
          ORDER BY n DESC LIMIT 1
        }[0] AS Organization`);
    expect(row).toEqual(manifest.mostModels);
  });

  it('links every model to its domains, tasks, datasets, bases and organisations as the facts say', async () => {
    const rows = await db.read(`
      MATCH (m:Model)
      RETURN m.id AS id,
             COLLECT { MATCH (m)-[:IN_DOMAIN]->(d) RETURN d.id ORDER BY d.id } AS domains,
             COLLECT { MATCH (m)-[:PERFORMS]->(t) RETURN t.id ORDER BY t.id } AS tasks,
             COLLECT { MATCH (m)-[:TRAINED_ON]->(d) RETURN d.id ORDER BY d.id } AS trainedOn,
             COLLECT { MATCH (m)-[:EVALUATED_ON]->(d) RETURN d.id ORDER BY d.id } AS evaluatedOn,
             COLLECT { MATCH (m)-[:BASED_ON]->(b) RETURN b.id ORDER BY b.id } AS basedOn,
             COLLECT { MATCH (m)-[r:DEVELOPED_BY]->(o) RETURN o.id ORDER BY r.rank } AS organizations`);
    const sorted = (ids: string[]): string[] => [...ids].sort();
    const expected = facts.models.map((m) => ({
      id: m.id, domains: sorted(m.domains), tasks: sorted(m.tasks), trainedOn: sorted(m.trainedOn),
      evaluatedOn: sorted(m.evaluatedOn), basedOn: sorted(m.basedOn), organizations: m.organizations,
    }));
    const byId = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a['id']).localeCompare(String(b['id']));
    expect(rows.sort(byId)).toEqual(expected.sort(byId));
  });

  it('holds every organisation with its parent as the facts say', async () => {
    const rows = await db.read(`
      MATCH (o:Organization)
      RETURN o.id AS id, o.name AS name, o.kind AS kind, o.country AS country, coalesce(o.aliases, []) AS aliases,
             [(o)-[:PART_OF]->(p) | p.id][0] AS parent
      ORDER BY id`);
    expect(rows).toEqual(
      [...facts.organizations]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ id, name, kind, country, aliases, parent }) => ({ id, name, kind, country, aliases: aliases ?? [], parent })),
    );
  });

  it('holds every result as a Result node between its model and its dataset, outside the entities', async () => {
    const rows = await db.read(`
      MATCH (m)-[:ACHIEVED]->(r:Result)-[:ON]->(d)
      RETURN m.id AS model, d.id AS dataset, r.metric AS metric, r.value AS value, r.unit AS unit,
             r.higherIsBetter AS higherIsBetter, r.setting AS setting, r.split AS split, r.variant AS variant,
             r.note AS note, {title: r.sourceTitle, url: r.sourceUrl} AS source, r.sourceKind AS sourceKind,
             labels(r) AS labels, COUNT { (r)--() } AS degree`);
    expect(rows.every((row) => JSON.stringify(row['labels']) === '["Result"]' && row['degree'] === 2)).toBe(true);
    const key = (r: Record<string, unknown>): string => JSON.stringify([r['model'], r['dataset'], r['metric'], r['setting'], r['variant']]);
    const found = rows.map(({ labels: _labels, degree: _degree, ...result }) => result).sort((a, b) => key(a).localeCompare(key(b)));
    expect(found).toEqual([...facts.results].sort((a, b) => key({ ...a }).localeCompare(key({ ...b }))));
  });

  it('leaves missing facts as absent properties, never empty strings or empty lists', async () => {
    const model = facts.models.find((m) => m.year === null)!;
    const [row] = await db.read('MATCH (m:Model {id: $id}) RETURN keys(m) AS keys, m.year AS year', { id: model.id });
    expect(row?.['year']).toBeNull();
    expect(row?.['keys']).not.toContain('year');
    const [empties] = await db.read(
      "MATCH (n) WHERE n:Entity OR n:Result UNWIND keys(n) AS k WITH n, k WHERE n[k] = '' OR n[k] = [] RETURN count(*) AS count",
    );
    expect(empties?.['count']).toBe(0);
  });

  it('rejects a second entity with an existing id, even under another label', async () => {
    await expect(db.write("CREATE (:Entity:Dataset {id: 'esm-2', name: 'duplicate'})")).rejects.toThrow(/already exists/);
    expect((await graphCounts(db)).labels).toEqual(manifest.labels);
  });

  it('makes of literal rows sent as a parameter exactly the values Neo4j makes of the text, types included', async () => {
    const text = `UNWIND [
      {s: "a\\"b\\\\c\\n\\t\\u00e9\\ud83d\\ude00", q: 'it\\'s', i: 2024, neg: -7, f: 1.5, e: 2.5e-3, big: 650000000000,
       yes: true, no: false, none: null, words: ["x", 'y'], mixed: [1, 2.5], nested: [[1], []], map: {k: "v"}},
      {}
    ] AS row
    RETURN row, COLLECT { UNWIND keys(row) AS k RETURN k + ': ' + valueType(row[k]) AS typed ORDER BY typed } AS types`;
    const prepared = prepareStatement(text);
    expect(prepared.params).not.toEqual({});
    expect(await db.read(prepared.query, prepared.params)).toEqual(await db.read(text));
  });

  it('names the file, statement number and line of a broken script statement', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broken-seed-'));
    writeFileSync(path.join(dir, '01-broken.cypher'), "// fine first\nRETURN 1;\n\nMATCH (n:Model {id: 'x'})\nRETRUN n;\n");
    await expect(applyScriptDir(db, dir)).rejects.toThrow(/01-broken\.cypher statement 2 \(line 4\) failed: .*RETRUN/s);
  });
});
