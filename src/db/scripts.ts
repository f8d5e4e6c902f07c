/**
 * The Cypher scripts that build the graph: cypher/schema/ (constraints, indexes), seed/ (the facts), then
 * cypher/derived/ (properties computed from the seeded graph), and the release version that names them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.js';
import { prepareStatement, splitStatements } from './cypher-script.js';
import { cypherQuery } from './queries.js';
import type { Database } from './database.js';

/** A statement of a script failed; the message names the file, statement number and line. */
export class ScriptError extends Error {
  constructor(file: string, statement: number, line: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${file} statement ${String(statement)} (line ${String(line)}) failed: ${reason}`, { cause });
    this.name = 'ScriptError';
  }
}

/** Where the scripts of a graph release live; tests point these at copies to build other releases. */
export interface ScriptDirs {
  schema: string;
  seed: string;
  derived: string;
}

export const SCRIPT_DIRS: ScriptDirs = {
  schema: projectPath('cypher', 'schema'),
  seed: projectPath('seed'),
  derived: projectPath('cypher', 'derived'),
};

/** The .cypher files of `dir` in the order they run (by name); none when there is no such directory. */
export function scriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.cypher')).sort().map((name) => path.join(dir, name));
}

/**
 * Runs every .cypher file of `dir` in name order, each statement in its own write transaction of at most
 * `timeoutMs` (seeding has its own, generous timeout: a busy machine must not leave half a graph).
 */
export async function applyScriptDir(db: Database, dir: string, timeoutMs?: number): Promise<void> {
  for (const file of scriptFiles(dir)) {
    const shownName = path.relative(projectPath(), file);
    for (const statement of splitStatements(readFileSync(file, 'utf8'))) {
      const { query, params } = prepareStatement(statement.text);
      try {
        await db.write(query, params, timeoutMs);
      } catch (error) {
        throw new ScriptError(shownName, statement.number, statement.line, error);
      }
    }
  }
}

/** Applies the constraints and indexes alone (the benchmark's synthetic graphs bring their own data). */
export function applySchema(db: Database, timeoutMs?: number): Promise<void> {
  return applyScriptDir(db, SCRIPT_DIRS.schema, timeoutMs);
}

/** Stores what is computed from the graph (cypher/derived/), e.g. on the benchmark's synthetic graphs; idempotent. */
export function applyDerived(db: Database, timeoutMs?: number): Promise<void> {
  return applyScriptDir(db, SCRIPT_DIRS.derived, timeoutMs);
}

/**
 * The version of the release the scripts build: a hash of every schema, seed and derived script and of the seed
 * manifest, so any change to them is a new release.
 */
export function releaseVersion(dirs: ScriptDirs = SCRIPT_DIRS): string {
  const hash = createHash('sha256');
  const files = [...scriptFiles(dirs.schema), ...scriptFiles(dirs.seed), ...scriptFiles(dirs.derived), path.join(dirs.seed, 'manifest.json')];
  for (const file of files) {
    hash.update(`${path.basename(path.dirname(file))}/${path.basename(file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface GraphCounts {
  labels: Record<string, number>;
  relationships: Record<string, number>;
}

/**
 * Nodes per label and relationships per type, the release marker left out. With `timeoutMs` (the seeding's),
 * the counts run under that timeout instead of the request timeout: on a Neo4j just started they can take longer.
 */
export async function graphCounts(db: Database, timeoutMs?: number): Promise<GraphCounts> {
  // Auto-commit transactions of their own timeout; they only read.
  const [labels, relationships] = await Promise.all([
    db.write(cypherQuery('label-counts'), {}, timeoutMs),
    db.write(cypherQuery('relationship-counts'), {}, timeoutMs),
  ]);
  return {
    labels: Object.fromEntries(labels.map((row) => [String(row['label']), Number(row['count'])])),
    relationships: Object.fromEntries(relationships.map((row) => [String(row['type']), Number(row['count'])])),
  };
}
