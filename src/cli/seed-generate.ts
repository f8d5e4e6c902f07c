/**
 * Maintainer tool: turns the facts of seed/facts/ into the seed/ Cypher scripts and seed/manifest.json (the label
 * and relationship counts the seeded graph must have, and the most models of one domain, task or organisation).
 * Run it after changing a fact: `npm run seed:generate`.
 *
 * Not part of the server: the seed scripts are committed, so a clone runs without running it (a test checks that
 * they are what the facts generate).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FACTS_DIR, readFacts } from '../facts/facts-files.js';
import { factProblems } from '../facts/fact-problems.js';
import { seedFromFacts } from '../facts/seed-scripts.js';
import { projectPath } from '../paths.js';

function main(): void {
  const facts = readFacts();
  const problems = factProblems(facts);
  if (problems.length > 0) {
    console.error(`seed:generate: the facts in ${FACTS_DIR} have ${String(problems.length)} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const seedDir = projectPath('seed');
  mkdirSync(seedDir, { recursive: true });
  for (const old of readdirSync(seedDir).filter((f) => f.endsWith('.cypher'))) rmSync(path.join(seedDir, old));
  const { scripts, manifest } = seedFromFacts(facts);
  for (const [name, text] of scripts) writeFileSync(path.join(seedDir, name), text);
  writeFileSync(path.join(seedDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${String(scripts.size)} seed scripts and manifest.json to ${seedDir}`);
}

main();
