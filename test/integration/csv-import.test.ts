import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { Database } from '../../src/db/database.js';
import { DERIVED_PROPERTIES } from '../../src/db/derived-properties.js';
import { ensureNeo4jJars, freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { graphCounts } from '../../src/db/scripts.js';
import { EXPECTED } from '../expected.js';
import { useTestServer } from '../harness.js';
import { BUDGET } from '../time.js';

/** Extracts every file of a zip into `dir`. */
function extract(zipFile: string, dir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          names.push(entry.fileName);
          pipeline(stream, createWriteStream(path.join(dir, entry.fileName))).then(() => zip.readEntry(), reject);
        });
      });
      zip.on('end', () => resolve(names));
      zip.readEntry();
    });
  });
}

describe('CSV export round trip', () => {
  const server = useTestServer();
  const work = mkdtempSync(path.join(tmpdir(), 'biofm-graph-import-'));
  let imported: LocalNeo4j | undefined;

  afterAll(async () => {
    await imported?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('imports into a fresh store with neo4j-admin database import and holds the same counts', { timeout: BUDGET.test + BUDGET.shortProcess + BUDGET.neo4jStart }, async () => {
    const response = await fetch(new URL('/export/graph.csv.zip', server.url));
    expect(response.status).toBe(200);
    const csvDir = path.join(work, 'csv');
    mkdirSync(csvDir);
    const zipFile = path.join(work, 'graph.csv.zip');
    writeFileSync(zipFile, Buffer.from(await response.arrayBuffer()));
    const files = await extract(zipFile, csvDir);

    // neo4j-admin as the Neo4j jars run it (org.neo4j.cli.AdminTool), with a home of its own: the store it writes
    // is where the local launcher looks for one (<home>/data/databases/neo4j).
    const home = path.join(work, 'store');
    mkdirSync(path.join(home, 'conf'), { recursive: true });
    writeFileSync(path.join(home, 'conf', 'neo4j.conf'), '');
    const args = [
      '-cp', `${ensureNeo4jJars()}${path.sep}*`, 'org.neo4j.cli.AdminTool', 'database', 'import', 'full', 'neo4j', '--multiline-fields=true',
      ...files.filter((f) => f.startsWith('nodes-')).map((f) => `--nodes=${path.join(csvDir, f)}`),
      ...files.filter((f) => f.startsWith('relationships-')).map((f) => `--relationships=${path.join(csvDir, f)}`),
    ];
    const run = spawnSync('java', args, {
      // neo4j-admin writes its import.report into the working directory.
      cwd: work,
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
      encoding: 'utf8',
      timeout: BUDGET.shortProcess,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    imported = await startLocalNeo4j({ dataDir: home, boltPort: await freePort(), startTimeoutMs: BUDGET.neo4jStart, compiler: 'quick' });
    const db = new Database({ uri: imported.uri, user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: BUDGET.transaction, acquisitionTimeoutMs: BUDGET.connection, maxPoolSize: 2 });
    try {
      expect(await graphCounts(db)).toEqual({ labels: EXPECTED.labels, relationships: EXPECTED.relationships });
      // The facts come back, and nothing of what cypher/derived/ stores: the export leaves it out.
      const [esm] = await db.read("MATCH (n:Model {id: 'esm-2'}) RETURN properties(n) AS p");
      const [original] = await server.db.read("MATCH (n:Model {id: 'esm-2'}) RETURN properties(n) AS p");
      const facts = Object.entries(original!['p'] as Record<string, unknown>).filter(([key]) => !DERIVED_PROPERTIES.includes(key));
      expect(esm!['p']).toEqual(Object.fromEntries(facts));
      const ranks = "MATCH (:Model {id: 'esm-2'})-[r:DEVELOPED_BY]->(o) RETURN o.id AS id, r.rank AS rank ORDER BY rank";
      expect(await db.read(ranks)).toEqual(await server.db.read(ranks));
    } finally {
      await db.close();
    }
  });
});
