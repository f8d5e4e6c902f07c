/** seed/manifest.json: what the facts are and the counts the seeded graph must have (written by seed:generate). */
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';

export interface SeedManifest {
  /** What the facts are: the survey and its curated facts. */
  source: string;
  /** Nodes per label (a node counts once per label, Entity included). */
  labels: Record<string, number>;
  /** Relationships per type. */
  relationships: Record<string, number>;
}

export const MANIFEST_PATH = projectPath('seed', 'manifest.json');

export function readSeedManifest(file = MANIFEST_PATH): SeedManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as SeedManifest;
}
