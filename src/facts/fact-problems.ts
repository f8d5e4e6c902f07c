/**
 * Checks the facts before they become a seed: the JSON Schema of seed/facts/facts.schema.json, then what a schema
 * cannot say (ids unique across kinds, every reference resolving, a source for every model, no duplicate names,
 * results that name a model and a dataset, are unique, and agree on the direction of each metric).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FACTS_DIR } from './facts-files.js';
import { FACT_KINDS, type Facts, type FactKind, type ResultFact } from './types.js';

/**
 * The key under which two names count as the same entity: case, spaces and punctuation ignored, but `+` kept,
 * since BioT5 and BioT5+ are two models.
 */
export function duplicateNameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9+]/g, '');
}

function schemaProblems(facts: Facts, dir: string): string[] {
  const schema = JSON.parse(readFileSync(path.join(dir, 'facts.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  if (validate(facts)) return [];
  return (validate.errors ?? []).map((error) => `schema: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

/** Which kind each reference list of an entity points at. */
const REFERENCES: { kind: FactKind; field: string; target: FactKind }[] = [
  { kind: 'organizations', field: 'parent', target: 'organizations' },
  { kind: 'tasks', field: 'domains', target: 'domains' },
  { kind: 'datasets', field: 'tasks', target: 'tasks' },
  { kind: 'models', field: 'domains', target: 'domains' },
  { kind: 'models', field: 'tasks', target: 'tasks' },
  { kind: 'models', field: 'trainedOn', target: 'datasets' },
  { kind: 'models', field: 'evaluatedOn', target: 'datasets' },
  { kind: 'models', field: 'basedOn', target: 'models' },
  { kind: 'models', field: 'organizations', target: 'organizations' },
];

function referenceProblems(facts: Facts): string[] {
  const problems: string[] = [];
  const idsOf = new Map(FACT_KINDS.map((kind) => [kind, new Set(facts[kind].map((entity) => entity.id))]));
  for (const { kind, field, target } of REFERENCES) {
    for (const entity of facts[kind] as unknown as Record<string, unknown>[]) {
      const value = entity[field];
      const refs = Array.isArray(value) ? (value as string[]) : value == null ? [] : [value as string];
      for (const ref of refs) {
        if (!idsOf.get(target)!.has(ref)) problems.push(`${kind} ${String(entity['id'])}: ${field} names unknown ${target} id "${ref}"`);
        if (ref === entity['id']) problems.push(`${kind} ${ref}: ${field} names itself`);
      }
    }
  }
  return problems;
}

function identityProblems(facts: Facts): string[] {
  const problems: string[] = [];
  const kindOfId = new Map<string, FactKind>();
  for (const kind of FACT_KINDS) {
    const names = new Map<string, string>();
    for (const entity of facts[kind]) {
      const earlier = kindOfId.get(entity.id);
      if (earlier) problems.push(`id "${entity.id}" is used by ${earlier} and ${kind}`);
      kindOfId.set(entity.id, kind);
      for (const name of [entity.name, ...(entity.aliases ?? [])]) {
        const key = duplicateNameKey(name);
        const holder = names.get(key);
        if (holder !== undefined && holder !== entity.id) problems.push(`${kind} ${entity.id}: name "${name}" is also ${holder}'s`);
        names.set(key, entity.id);
      }
    }
  }
  return problems;
}

function sourceProblems(facts: Facts): string[] {
  return facts.models
    .filter((model) => model.paper === null && model.sourceNote === undefined)
    .map((model) => `models ${model.id}: has neither a paper nor a sourceNote saying why not`);
}

/** What makes a result one: no two results may share it. */
export function resultIdentity(result: ResultFact): string {
  return JSON.stringify([result.model, result.dataset, result.metric, result.setting, result.variant]);
}

function resultProblems(facts: Facts): string[] {
  const problems: string[] = [];
  const models = new Set(facts.models.map((model) => model.id));
  const datasets = new Set(facts.datasets.map((dataset) => dataset.id));
  const seen = new Map<string, number>();
  const directions = new Map<string, { higherIsBetter: boolean; at: number }>();
  facts.results.forEach((result, i) => {
    const at = `results[${String(i)}] (${result.model} on ${result.dataset})`;
    if (!models.has(result.model)) problems.push(`${at}: model names unknown models id "${result.model}"`);
    if (!datasets.has(result.dataset)) problems.push(`${at}: dataset names unknown datasets id "${result.dataset}"`);
    const identity = resultIdentity(result);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problems.push(`${at}: same model, dataset, metric, setting and variant as results[${String(earlier)}]`);
    } else {
      seen.set(identity, i);
    }
    const direction = directions.get(result.metric);
    if (direction === undefined) directions.set(result.metric, { higherIsBetter: result.higherIsBetter, at: i });
    else if (direction.higherIsBetter !== result.higherIsBetter) {
      problems.push(
        `${at}: higherIsBetter of metric "${result.metric}" is ${String(result.higherIsBetter)}, ` +
          `but ${String(direction.higherIsBetter)} in results[${String(direction.at)}]`,
      );
    }
  });
  return problems;
}

/** Every problem of the facts, each naming the entity (or result) and field; empty when they can be seeded. */
export function factProblems(facts: Facts, dir = FACTS_DIR): string[] {
  const fromSchema = schemaProblems(facts, dir);
  if (fromSchema.length > 0) return fromSchema;
  return [...identityProblems(facts), ...referenceProblems(facts), ...sourceProblems(facts), ...resultProblems(facts)];
}
