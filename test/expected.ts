/** What the seeded graph must hold, from seed/manifest.json (generated with the seed): no test writes a release's counts. */
import { readSeedManifest } from '../src/db/seed-manifest.js';

const manifest = readSeedManifest();

/** Nodes per label and relationships per type. */
export const EXPECTED = manifest;

/** The answer of `stats` for the seeded graph. */
export const EXPECTED_STATS = {
  domains: manifest.labels['Domain']!,
  tasks: manifest.labels['Task']!,
  datasets: manifest.labels['Dataset']!,
  models: manifest.labels['Model']!,
  organizations: manifest.labels['Organization']!,
  relationships: Object.values(manifest.relationships).reduce((sum, count) => sum + count, 0),
};
