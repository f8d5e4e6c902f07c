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
  /**
   * The most models one entity of a kind has: a domain's, a task's, an organisation's with those of its parts
   * (the node estimate charges a filter of such a list this many models tested).
   */
  mostModels: Record<'Domain' | 'Task' | 'Organization', number>;
}

export const MANIFEST_PATH = projectPath('seed', 'manifest.json');

export function readSeedManifest(file = MANIFEST_PATH): SeedManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as SeedManifest;
}
