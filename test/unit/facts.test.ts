import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSeedManifest } from '../../src/db/seed-manifest.js';
import { factsFromRelease } from '../../src/facts/curated-release.js';
import { readFacts, sortResults } from '../../src/facts/facts-files.js';
import { duplicateNameKey, factProblems } from '../../src/facts/fact-problems.js';
import { seedFromFacts } from '../../src/facts/seed-scripts.js';
import type { Facts, ResultFact } from '../../src/facts/types.js';
import { projectPath } from '../../src/paths.js';

const CURATED_RELEASE = projectPath('..', 'shared', 'data', 'survey.json');
const CURATED_RESULTS = projectPath('..', 'shared', 'data', 'results.json');

describe('the facts of seed/facts/', () => {
  const facts = readFacts();

  it('have no problems: schema, unique kebab-case ids, references, sources, names', () => {
    expect(factProblems(facts)).toEqual([]);
  });

  it('are what seed/ and seed/manifest.json were generated from', () => {
    const { scripts, manifest } = seedFromFacts(facts);
    for (const [name, text] of scripts) expect(readFileSync(projectPath('seed', name), 'utf8'), name).toBe(text);
    expect(readSeedManifest()).toEqual(manifest);
  });

  // The one place a release's counts are written out: every other test reads them from the manifest.
  it('make a manifest with the counts of facts release 2 and its first results', () => {
    expect(readSeedManifest()).toMatchObject({
      labels: { Domain: 5, Task: 93, Dataset: 371, Model: 782, Organization: 309, Entity: 1560, Result: 203 },
      relationships: {
        HAS_TASK: 95, BENCHMARKED_ON: 454, IN_DOMAIN: 771, PERFORMS: 1334, TRAINED_ON: 583, EVALUATED_ON: 748,
        BASED_ON: 360, DEVELOPED_BY: 813, PART_OF: 32, ACHIEVED: 203, ON: 203,
      },
    });
  });

  it('keep results.json in leaderboard order', () => {
    expect(facts.results).toEqual(sortResults(facts.results));
  });

  describe.runIf(existsSync(CURATED_RELEASE))('beside the curated release (../shared/data/survey.json)', () => {
    it('equal the curated release, plus a note on each model it gives no paper for', () => {
      const release = JSON.parse(readFileSync(CURATED_RELEASE, 'utf8')) as Facts;
      const byId = <T extends { id: string }>(list: T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));
      const expected = factsFromRelease(release, []);
      for (const kind of ['domains', 'organizations', 'tasks', 'datasets', 'models'] as const) {
        expect(byId(facts[kind] as { id: string }[]), kind).toEqual(byId(expected[kind] as { id: string }[]));
      }
    });
  });

  describe.runIf(existsSync(CURATED_RESULTS))('beside the curated results (../shared/data/results.json)', () => {
    it('hold the same results', () => {
      const release = JSON.parse(readFileSync(CURATED_RESULTS, 'utf8')) as ResultFact[];
      expect(facts.results).toEqual(sortResults(release));
    });
  });
});

describe('factProblems', () => {
  const base = (): Facts => JSON.parse(JSON.stringify(readFacts())) as Facts;

  it('names an id that is not kebab-case', () => {
    const facts = base();
    facts.tasks[0]!.id = 'Protein_Folding';
    expect(factProblems(facts).join('\n')).toMatch(/schema: \/tasks\/0\/id must match pattern/);
  });

  it('names a reference to an id that does not exist', () => {
    const facts = base();
    facts.models[0]!.basedOn = ['no-such-model'];
    expect(factProblems(facts)).toContain(`models ${facts.models[0]!.id}: basedOn names unknown models id "no-such-model"`);
  });

  it('names an id used by two kinds', () => {
    const facts = base();
    facts.datasets[0]!.id = facts.models[0]!.id;
    expect(factProblems(facts)).toContain(`id "${facts.models[0]!.id}" is used by datasets and models`);
  });

  it('names two entities of a kind whose names differ only in case and punctuation', () => {
    const facts = base();
    const [first, second] = facts.models;
    second!.name = first!.name.toUpperCase().replace(/-/g, ' ');
    expect(factProblems(facts)).toContain(`models ${second!.id}: name "${second!.name}" is also ${first!.id}'s`);
  });

  it('names a model with neither a paper nor a note saying why not', () => {
    const facts = base();
    const model = facts.models.find((m) => m.sourceNote !== undefined)!;
    delete model.sourceNote;
    expect(factProblems(facts)).toEqual([`models ${model.id}: has neither a paper nor a sourceNote saying why not`]);
  });

  it('names a result whose model or dataset does not exist', () => {
    const facts = base();
    const result = facts.results[0]!;
    result.model = 'no-such-model';
    result.dataset = facts.models[0]!.id;
    expect(factProblems(facts)).toEqual([
      `results[0] (no-such-model on ${result.dataset}): model names unknown models id "no-such-model"`,
      `results[0] (no-such-model on ${result.dataset}): dataset names unknown datasets id "${result.dataset}"`,
    ]);
  });

  it('names two results of the same model, dataset, metric, setting and variant', () => {
    const facts = base();
    const twin = facts.results.findIndex((r, i) => i > 0 && r.variant !== null);
    facts.results[twin] = { ...facts.results[twin]!, value: 0 };
    facts.results.push({ ...facts.results[twin]! });
    const last = facts.results.length - 1;
    expect(factProblems(facts)).toEqual([
      `results[${String(last)}] (${facts.results[twin]!.model} on ${facts.results[twin]!.dataset}): same model, dataset, metric, setting and variant as results[${String(twin)}]`,
    ]);
  });

  it('keeps results of two variants of a model, and of no variant, apart', () => {
    const facts = base();
    const result = facts.results.find((r) => r.variant !== null)!;
    facts.results.push({ ...result, variant: `${result.variant!} (other)` }, { ...result, variant: null });
    expect(factProblems(facts)).toEqual([]);
  });

  it('names a metric whose results disagree on whether higher is better', () => {
    const facts = base();
    const metric = facts.results[0]!.metric;
    const other = facts.results.findIndex((r, i) => i > 0 && r.metric === metric);
    facts.results[other]!.higherIsBetter = !facts.results[0]!.higherIsBetter;
    expect(factProblems(facts)).toEqual([
      `results[${String(other)}] (${facts.results[other]!.model} on ${facts.results[other]!.dataset}): higherIsBetter of metric "${metric}" ` +
        `is ${String(!facts.results[0]!.higherIsBetter)}, but ${String(facts.results[0]!.higherIsBetter)} in results[0]`,
    ]);
  });

  it('names a result that does not fit the schema', () => {
    const facts = base();
    (facts.results[3] as unknown as Record<string, unknown>)['sourceKind'] = 'blog';
    delete (facts.results[4] as unknown as Record<string, unknown>)['setting'];
    const problems = factProblems(facts).join('\n');
    expect(problems).toMatch(/schema: \/results\/3\/sourceKind must be equal to one of the allowed values/);
    expect(problems).toMatch(/schema: \/results\/4 must have required property 'setting'/);
  });

  it('keeps + in the duplicate key, so BioT5 and BioT5+ stay two models', () => {
    expect(duplicateNameKey('BioT5+')).not.toBe(duplicateNameKey('BioT5'));
    expect(duplicateNameKey('ESM 2')).toBe(duplicateNameKey('esm-2'));
  });
});

describe('seed scripts of the facts', () => {
  it('make one Result node per result, linked to its model and dataset, and never an :Entity', () => {
    const facts = readFacts();
    const script = seedFromFacts(facts).scripts.get('30-results.cypher')!;
    expect(script).toMatch(/MERGE \(r:Result \{id: row\.id\}\)/);
    expect(script).toContain('MERGE (m)-[:ACHIEVED]->(r)');
    expect(script).toContain('MERGE (r)-[:ON]->(d)');
    expect(script).not.toContain(':Entity');
    const ids = [...script.matchAll(/id: "(result-[0-9a-f]{16})"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(facts.results.length);
  });

  it('keep the lead-first order of a model\'s organisations as the rank of DEVELOPED_BY', () => {
    const facts = readFacts();
    const model = facts.models.find((m) => m.organizations.length >= 3)!;
    const script = seedFromFacts(facts).scripts.get('17-developed-by.cypher')!;
    model.organizations.forEach((organization, rank) => {
      expect(script).toContain(`{from: "${model.id}", to: "${organization}", rank: ${String(rank)}}`);
    });
  });
});
