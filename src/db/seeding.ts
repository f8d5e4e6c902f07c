/**
 * Makes the graph hold exactly the release the scripts describe, or fails saying why: a `(:Release)` marker
 * records the version (a hash of the scripts) and is set only after the counts were verified against
 * seed/manifest.json. A missing or different marker, or counts that differ, rebuild the graph from the scripts.
 *
 * Several servers may start on one database at once: the marker doubles as a lock, claimed in one transaction
 * (Neo4j's write-lock-first pattern against lost updates) and kept fresh by a heartbeat, so exactly one of them
 * rebuilds while the others wait; a claim whose heartbeat stopped (a killed process) is taken over.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { applyScriptDir, graphCounts, releaseVersion, SCRIPT_DIRS, type GraphCounts, type ScriptDirs } from './scripts.js';
import { readSeedManifest, type SeedManifest } from './seed-manifest.js';
import type { Database } from './database.js';

/** The seeded graph's counts differ from the manifest's; the message lists every difference. */
export class SeedVerificationError extends Error {
  constructor(readonly differences: string[]) {
    super(`the seeded graph differs from seed/manifest.json: ${differences.join('; ')}`);
    this.name = 'SeedVerificationError';
  }
}

export interface SeedOptions {
  /** Timeout of each schema and seed statement. */
  timeoutMs: number;
  /** How long a claim may go without a heartbeat before another process takes it over; 0 when nobody else can hold one. */
  staleClaimMs: number;
  /** Rebuild even when the marker says the release is current (`npm run db:reset`). */
  force?: boolean;
  /** The scripts of the release, seed/manifest.json among them; the project's own when omitted. */
  dirs?: ScriptDirs;
  log?: (message: string) => void;
}

/** How long a claim of a process on another machine may go without a heartbeat before it counts as dead. */
export const STALE_CLAIM_MS = 15_000;
const HEARTBEAT_MS = 2_000;
const WAIT_STEP_MS = 500;

const ENSURE_MARKER_CONSTRAINT = 'CREATE CONSTRAINT release_id IF NOT EXISTS FOR (r:Release) REQUIRE r.id IS UNIQUE';

// SET r._lock first: the write lock makes the reads after it see the latest committed claim.
const CLAIM = `
MERGE (r:Release {id: 'release'})
SET r._lock = true
WITH r, coalesce(r.state, 'new') AS state
WITH r,
     state = 'seeding' AND coalesce(r.owner, '') <> $owner AND coalesce(r.heartbeat, 0) > timestamp() - $staleClaimMs AS busy,
     state = 'ready' AND coalesce(r.version, '') = $version AND NOT $force AS current
WITH r, busy, current, NOT busy AND NOT current AS claimed
SET r.state = CASE WHEN claimed THEN 'seeding' ELSE r.state END,
    r.owner = CASE WHEN claimed THEN $owner ELSE r.owner END,
    r.heartbeat = CASE WHEN claimed THEN timestamp() ELSE r.heartbeat END
REMOVE r._lock
RETURN CASE WHEN busy THEN 'busy' WHEN current THEN 'current' ELSE 'claimed' END AS outcome`;

// The marker as it stands, read without a lock: a start that finds its release ready needs to write nothing.
const MARKER_STATE = "MATCH (r:Release {id: 'release'}) RETURN r.state AS state, r.version AS version";

const HEARTBEAT = "MATCH (r:Release {id: 'release', owner: $owner}) SET r.heartbeat = timestamp()";

const WIPE = 'MATCH (n) WHERE NOT n:Release CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS';

const SCHEMA_ITEMS = [
  "SHOW CONSTRAINTS YIELD name WHERE name <> 'release_id' RETURN 'CONSTRAINT' AS kind, name",
  "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN 'INDEX' AS kind, name",
];

const MARK_READY = `
MATCH (r:Release {id: 'release', owner: $owner})
SET r.state = 'ready', r.version = $version, r.seededAt = datetime(), r.source = $source
REMOVE r.owner, r.heartbeat, r.error
RETURN r.id AS id`;

const MARK_FAILED = `
MATCH (r:Release {id: 'release', owner: $owner})
SET r.state = 'failed', r.error = $error
REMOVE r.owner, r.heartbeat`;

/** Every difference between the counts found and the manifest's, e.g. `Model: expected 782, found 0`. */
export function countDifferences(found: GraphCounts, manifest: Pick<SeedManifest, 'labels' | 'relationships'>): string[] {
  const differences: string[] = [];
  for (const [kind, expected, actual] of [
    ['label', manifest.labels, found.labels],
    ['relationship type', manifest.relationships, found.relationships],
  ] as const) {
    for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const want = expected[name] ?? 0;
      const have = actual[name] ?? 0;
      if (want !== have) differences.push(`${kind} ${name}: expected ${String(want)}, found ${String(have)}`);
    }
  }
  return differences.sort();
}

async function verify(db: Database, manifest: SeedManifest, timeoutMs: number): Promise<string[]> {
  return countDifferences(await graphCounts(db, timeoutMs), manifest);
}

/** Deletes every fact and every index and constraint but the marker's, then builds the release from the scripts. */
async function rebuild(db: Database, dirs: ScriptDirs, timeoutMs: number, log: (message: string) => void): Promise<void> {
  await db.write(WIPE, {}, timeoutMs);
  // A release may redefine an index (e.g. the full-text analyzer): CREATE ... IF NOT EXISTS would keep the old one.
  const items = (await Promise.all(SCHEMA_ITEMS.map((query) => db.write(query, {}, timeoutMs)))).flat();
  for (const row of items) {
    // kind is one of two literals; name comes from SHOW (our own schema's names), quoted as an identifier.
    const name = String(row['name']).replace(/`/g, '``');
    await db.write(`DROP ${String(row['kind'])} \`${name}\` IF EXISTS`, {}, timeoutMs);
  }
  for (const dir of [dirs.schema, dirs.seed, dirs.derived]) {
    log(`applying ${dir}`);
    await applyScriptDir(db, dir, timeoutMs);
  }
}

/**
 * Returns once the graph holds the current release, verified; rebuilds it when it does not. Throws ScriptError
 * (naming file and statement) when a script fails and SeedVerificationError when the counts differ.
 */
export async function ensureRelease(db: Database, options: SeedOptions): Promise<{ rebuilt: boolean }> {
  const dirs = options.dirs ?? SCRIPT_DIRS;
  const manifest = readSeedManifest(path.join(dirs.seed, 'manifest.json'));
  const log = options.log ?? (() => undefined);
  const version = releaseVersion(dirs);
  const owner = randomUUID();
  const params = { owner, version, staleClaimMs: options.staleClaimMs };
  let force = options.force ?? false;
  // The warm start: the marker names this release as ready and the counts agree, so nothing is claimed or
  // written. Each query costs seconds on a Neo4j just started (a cold JVM plans slowly), so the constraint and
  // the claim below are left to the starts that may have to build.
  if (!force) {
    const [marker] = await db.write(MARKER_STATE, {}, options.timeoutMs);
    if (marker?.['state'] === 'ready' && marker['version'] === version && (await verify(db, manifest, options.timeoutMs)).length === 0) {
      return { rebuilt: false };
    }
  }
  const giveUpAt = Date.now() + options.timeoutMs + options.staleClaimMs;
  await db.write(ENSURE_MARKER_CONSTRAINT, {}, options.timeoutMs);
  for (;;) {
    const [row] = await db.write(CLAIM, { ...params, force }, options.timeoutMs);
    const outcome = String(row?.['outcome']);
    if (outcome === 'current') {
      const differences = await verify(db, manifest, options.timeoutMs);
      if (differences.length === 0) return { rebuilt: false };
      log(`the graph of release ${version} differs from its manifest (${differences.join('; ')}): rebuilding`);
      force = true;
    } else if (outcome === 'busy') {
      if (Date.now() > giveUpAt) throw new Error('another process has been seeding the graph for too long');
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    } else {
      log(`building release ${version}`);
      const heartbeat = setInterval(() => void db.write(HEARTBEAT, { owner }).catch(() => undefined), HEARTBEAT_MS);
      try {
        await rebuild(db, dirs, options.timeoutMs, log);
        const differences = await verify(db, manifest, options.timeoutMs);
        if (differences.length > 0) throw new SeedVerificationError(differences);
        const marked = await db.write(MARK_READY, { owner, version, source: manifest.source });
        if (marked.length === 0) throw new Error('another process took over the seeding of the graph');
        return { rebuilt: true };
      } catch (error) {
        await db.write(MARK_FAILED, { owner, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
    }
  }
}
