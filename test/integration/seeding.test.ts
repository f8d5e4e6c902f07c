import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { readRelease } from '../../src/db/release.js';
import { graphCounts, SCRIPT_DIRS, ScriptError, type ScriptDirs } from '../../src/db/scripts.js';
import { countDifferences, ensureRelease, SeedVerificationError } from '../../src/db/seeding.js';
import type { SeedManifest } from '../../src/db/seed-manifest.js';
import { BUDGET } from '../time.js';

/** A small release of its own: the real schema, `statements` as its one seed file, and the counts they make. */
function release(root: string, name: string, statements: string, counts: Pick<SeedManifest, 'labels' | 'relationships'>): ScriptDirs {
  const dirs = { schema: SCRIPT_DIRS.schema, seed: path.join(root, name, 'seed'), derived: path.join(root, name, 'derived') };
  mkdirSync(dirs.seed, { recursive: true });
  mkdirSync(dirs.derived, { recursive: true });
  writeFileSync(path.join(dirs.seed, '01-facts.cypher'), statements);
  writeFileSync(path.join(dirs.seed, 'manifest.json'), JSON.stringify({ source: `release ${name}`, ...counts }));
  return dirs;
}

const TWO_MODELS = "CREATE (:Entity:Model {id: 'a', name: 'A'}), (:Entity:Model {id: 'b', name: 'B'});\nMATCH (a {id: 'a'}), (b {id: 'b'}) CREATE (b)-[:BASED_ON]->(a);\n";
const TWO_MODELS_COUNTS = { labels: { Entity: 2, Model: 2 }, relationships: { BASED_ON: 1 } };

// These tests rebuild whole graphs, so they own a Neo4j of their own (the shared one serves the other files).
describe('ensureRelease', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'seeding-'));
  let neo4j: LocalNeo4j | undefined;
  let db: Database;
  const seed = (dirs: ScriptDirs, extra: Partial<Parameters<typeof ensureRelease>[1]> = {}) =>
    ensureRelease(db, { timeoutMs: BUDGET.transaction, staleClaimMs: 0, dirs, ...extra });

  beforeAll(async () => {
    neo4j = await startLocalNeo4j({ dataDir: path.join(root, 'data'), boltPort: await freePort(), compiler: 'quick' });
    db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: BUDGET.transaction, acquisitionTimeoutMs: BUDGET.connection, maxPoolSize: 10 });
  }, BUDGET.neo4jStart);

  afterAll(async () => {
    await db?.close();
    await neo4j?.stop();
    rmSync(root, { recursive: true, force: true });
  }, BUDGET.hook);

  it('builds the real release on an empty graph, verifies it and marks it, then finds it current', async () => {
    expect(await seed(SCRIPT_DIRS)).toEqual({ rebuilt: true });
    const marker = await readRelease(db);
    expect(marker).toMatchObject({ source: expect.stringContaining('Biomedical Foundation Model: A Survey') });
    expect(Date.parse(marker!.seededAt)).not.toBeNaN();
    expect(await seed(SCRIPT_DIRS)).toEqual({ rebuilt: false });
    expect(await readRelease(db)).toEqual(marker);
  }, BUDGET.serverStart);

  it('replaces the previous release: facts missing from the new scripts disappear, and a changed file rebuilds', async () => {
    const first = release(root, 'first', TWO_MODELS, TWO_MODELS_COUNTS);
    expect(await seed(first)).toEqual({ rebuilt: true });
    expect(await graphCounts(db)).toEqual(TWO_MODELS_COUNTS);
    const smaller = release(root, 'smaller', "CREATE (:Entity:Model {id: 'a', name: 'A'});\n", { labels: { Entity: 1, Model: 1 }, relationships: {} });
    expect(await seed(smaller)).toEqual({ rebuilt: true });
    expect(await db.read('MATCH (n:Entity) RETURN n.id AS id')).toEqual([{ id: 'a' }]);
    writeFileSync(path.join(smaller.seed, '01-facts.cypher'), "CREATE (:Entity:Model {id: 'a', name: 'A, renamed'});\n");
    expect(await seed(smaller)).toEqual({ rebuilt: true });
    expect(await db.read('MATCH (n:Entity) RETURN n.name AS name')).toEqual([{ name: 'A, renamed' }]);
  }, BUDGET.test);

  it('names the file and statement of a failing script, and leaves no release marked ready', async () => {
    const broken = release(root, 'broken', "CREATE (:Entity:Model {id: 'a', name: 'A'});\nCREAT (:Entity:Model {id: 'b'});\n", TWO_MODELS_COUNTS);
    const failure = seed(broken);
    await expect(failure).rejects.toBeInstanceOf(ScriptError);
    await expect(failure).rejects.toThrow(/01-facts\.cypher statement 2 \(line 2\) failed/);
    expect(await readRelease(db)).toBeNull();
  }, BUDGET.test);

  it('refuses a graph whose counts differ from the manifest, saying what differs', async () => {
    const wrong = release(root, 'wrong', TWO_MODELS, { labels: { Entity: 3, Model: 3 }, relationships: { BASED_ON: 1 } });
    const failure = seed(wrong);
    await expect(failure).rejects.toBeInstanceOf(SeedVerificationError);
    await expect(failure).rejects.toThrow('label Entity: expected 3, found 2; label Model: expected 3, found 2');
    expect(await readRelease(db)).toBeNull();
  }, BUDGET.test);

  it('rebuilds a current release whose graph was changed behind its back', async () => {
    const dirs = release(root, 'edited', TWO_MODELS, TWO_MODELS_COUNTS);
    await seed(dirs);
    await db.write("MATCH (n {id: 'b'}) DETACH DELETE n");
    expect(await seed(dirs)).toEqual({ rebuilt: true });
    expect(await graphCounts(db)).toEqual(TWO_MODELS_COUNTS);
  }, BUDGET.test);

  it('lets exactly one of several processes starting at once build the release; the others wait for it', async () => {
    const dirs = release(root, 'together', TWO_MODELS, TWO_MODELS_COUNTS);
    const outcomes = await Promise.all([1, 2, 3].map(() => seed(dirs, { staleClaimMs: 60_000 })));
    expect(outcomes.filter((outcome) => outcome.rebuilt)).toHaveLength(1);
    expect(await graphCounts(db)).toEqual(TWO_MODELS_COUNTS);
  }, BUDGET.test);

  it('takes over a claim whose process stopped sending heartbeats', async () => {
    const dirs = release(root, 'orphaned', TWO_MODELS, TWO_MODELS_COUNTS);
    await db.write("MATCH (r:Release) SET r.state = 'seeding', r.owner = 'killed', r.heartbeat = timestamp() - 60000");
    expect(await seed(dirs, { staleClaimMs: 15_000 })).toEqual({ rebuilt: true });
    expect(await readRelease(db)).toMatchObject({ source: 'release orphaned' });
  }, BUDGET.test);

  it('lists every difference between counts and a manifest', () => {
    expect(
      countDifferences(
        { labels: { Model: 1, Extra: 2 }, relationships: {} },
        { labels: { Model: 2 }, relationships: { BASED_ON: 1 } },
      ),
    ).toEqual(['label Extra: expected 0, found 2', 'label Model: expected 2, found 1', 'relationship type BASED_ON: expected 1, found 0']);
  });
});
