/**
 * Applies the Cypher scripts that build the graph: cypher/schema/ (constraints, indexes), seed/ (the facts), then
 * cypher/derived/ (what is computed from the facts and stored, such as counts that lists sort by).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.js';
import { splitStatements } from './cypher-script.js';
import { cypherQuery } from './queries.js';
import type { Database } from './database.js';

/** A statement of a script failed; the message names the file, statement number and line. */
export class ScriptError extends Error {
  constructor(file: string, statement: number, line: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${file} statement ${statement} (line ${line}) failed: ${reason}`, { cause });
    this.name = 'ScriptError';
  }
}

export const SCHEMA_DIR = projectPath('cypher', 'schema');
export const SEED_DIR = projectPath('seed');
export const DERIVED_DIR = projectPath('cypher', 'derived');

/** Runs every .cypher file of `dir` in name order, each statement in its own write transaction. */
export async function applyScriptDir(db: Database, dir: string): Promise<void> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cypher')).sort();
  for (const file of files) {
    const shownName = path.relative(projectPath(), path.join(dir, file));
    for (const statement of splitStatements(readFileSync(path.join(dir, file), 'utf8'))) {
      try {
        await db.write(statement.text);
      } catch (error) {
        throw new ScriptError(shownName, statement.number, statement.line, error);
      }
    }
  }
}

export async function applySchema(db: Database): Promise<void> {
  await applyScriptDir(db, SCHEMA_DIR);
}

/** The facts, then what is derived from them. */
export async function applySeed(db: Database): Promise<void> {
  await applyScriptDir(db, SEED_DIR);
  await applyDerived(db);
}

/** Stores what is computed from the facts (counts on the nodes); safe to rerun after any change to the graph. */
export async function applyDerived(db: Database): Promise<void> {
  await applyScriptDir(db, DERIVED_DIR);
}

export async function isSeeded(db: Database): Promise<boolean> {
  const [row] = await db.read(cypherQuery('entity-count'));
  return Number(row?.['count'] ?? 0) > 0;
}

/** Deletes every node and relationship (the schema stays). */
export async function wipe(db: Database): Promise<void> {
  await db.write('MATCH (n) DETACH DELETE n');
}

export interface GraphCounts {
  labels: Record<string, number>;
  relationships: Record<string, number>;
}

export async function graphCounts(db: Database): Promise<GraphCounts> {
  const [labels, relationships] = await Promise.all([
    db.read(cypherQuery('label-counts')),
    db.read(cypherQuery('relationship-counts')),
  ]);
  return {
    labels: Object.fromEntries(labels.map((row) => [String(row['label']), Number(row['count'])])),
    relationships: Object.fromEntries(relationships.map((row) => [String(row['type']), Number(row['count'])])),
  };
}
