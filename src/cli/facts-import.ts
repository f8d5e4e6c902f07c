/**
 * Maintainer tool: imports a curated facts release (e.g. ../shared/data/survey.json) into seed/facts/, after
 * checking it. `npm run facts:import -- PATH/TO/survey.json`, then `npm run seed:generate`.
 */
import { readFileSync } from 'node:fs';
import { factsFromRelease } from '../facts/curated-release.js';
import { FACTS_DIR, writeFacts } from '../facts/facts-files.js';
import { factProblems } from '../facts/fact-problems.js';
import type { Facts } from '../facts/types.js';

const source = process.argv[2];
if (!source) {
  console.error('usage: npm run facts:import -- PATH/TO/survey.json');
  process.exit(2);
}
const facts = factsFromRelease(JSON.parse(readFileSync(source, 'utf8')) as Facts);
const problems = factProblems(facts);
if (problems.length > 0) {
  console.error(`facts:import: ${source} has ${String(problems.length)} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFacts(facts);
console.log(`imported ${String(facts.models.length)} models and the rest of ${source} into ${FACTS_DIR}`);
