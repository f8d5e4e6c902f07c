/**
 * Maintainer tool: imports a curated facts release (e.g. ../shared/data/survey.json, and the results.json beside
 * it) into seed/facts/, after checking it. `npm run facts:import -- PATH/TO/survey.json`, then
 * `npm run seed:generate`. A release without a results.json keeps the results already in seed/facts/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { factsFromRelease } from '../facts/curated-release.js';
import { FACTS_DIR, readFacts, writeFacts } from '../facts/facts-files.js';
import { factProblems } from '../facts/fact-problems.js';
import type { Facts, ResultFact } from '../facts/types.js';

function usage(problem?: string): never {
  if (problem) console.error(`facts:import: ${problem}`);
  console.error('usage: npm run facts:import -- PATH/TO/survey.json');
  process.exit(2);
}

const source = process.argv[2];
if (!source || source.startsWith('-')) usage();
if (!existsSync(source)) usage(`no file ${source}`);
const resultsFile = path.join(path.dirname(source), 'results.json');
const hasResults = existsSync(resultsFile);
const results = hasResults ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as ResultFact[]) : readFacts().results;
const facts = factsFromRelease(JSON.parse(readFileSync(source, 'utf8')) as Omit<Facts, 'results'>, results);
const problems = factProblems(facts);
if (problems.length > 0) {
  console.error(`facts:import: ${source} has ${String(problems.length)} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFacts(facts);
console.log(`imported ${String(facts.models.length)} models and the rest of ${source} into ${FACTS_DIR}`);
console.log(
  hasResults
    ? `imported ${String(results.length)} results from ${resultsFile}`
    : `no ${resultsFile}: kept the ${String(results.length)} results of ${FACTS_DIR}`,
);
