/**
 * Turns the facts into the seed/ Cypher scripts (UNWIND over literal rows, MERGE) and the manifest of the counts
 * the seeded graph must have.
 */
import { createHash } from 'node:crypto';
import type { EntityLabel } from '../db/rows.js';
import type { SeedManifest } from '../db/seed-manifest.js';
import { resultIdentity } from './fact-problems.js';
import type { Facts, ModelFact, ResultFact } from './types.js';

type Scalar = string | number | boolean | null | undefined | string[];
type Props = Record<string, Scalar>;

const BATCH_SIZE = 50;

/** A Cypher literal; JSON string escapes are valid Cypher string escapes. */
function literal(value: Exclude<Scalar, undefined>): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v)).join(', ')}]`;
  return JSON.stringify(value);
}

/** A Cypher map literal that leaves out missing facts (null, undefined, empty list): they become absent properties. */
function mapLiteral(props: Props): string {
  const entries = Object.entries(props).filter(
    (entry): entry is [string, Exclude<Scalar, undefined | null>] =>
      entry[1] !== null && entry[1] !== undefined && !(Array.isArray(entry[1]) && entry[1].length === 0),
  );
  return `{${entries.map(([key, value]) => `${key}: ${literal(value)}`).join(', ')}}`;
}

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) out.push(items.slice(i, i + BATCH_SIZE));
  return out;
}

type RelationshipType =
  | 'HAS_TASK' | 'BENCHMARKED_ON' | 'IN_DOMAIN' | 'PERFORMS' | 'TRAINED_ON' | 'EVALUATED_ON' | 'BASED_ON'
  | 'DEVELOPED_BY' | 'PART_OF';

const GENERATED_BY = 'generated from seed/facts/ by `npm run seed:generate`';

// Labels and relationship types are interpolated only from the allow-lists EntityLabel and RelationshipType
// (the fixed calls in seedScripts), never from the facts; the facts' values are written as escaped Cypher literals.
function nodeScript(label: EntityLabel, rows: Props[]): string {
  const header = `// ${label} nodes (${String(rows.length)}); ${GENERATED_BY}.\n` +
    `// SET n = props replaces every property, so running the script again leaves the same nodes.\n`;
  const statements = batches(rows).map((batch) =>
    `UNWIND [\n${batch.map((row) => `  ${mapLiteral(row)}`).join(',\n')}\n] AS props\n` +
    `MERGE (n:Entity:${label} {id: props.id})\nSET n = props;\n`);
  return header + '\n' + statements.join('\n');
}

/** A relationship from one id to another; `rank` keeps an order the facts give (the lead organisation is 0). */
interface Link { from: string; to: string; rank?: number }

interface RelationSpec { type: RelationshipType; fromLabel: EntityLabel; toLabel: EntityLabel; links: Link[] }

// type, fromLabel and toLabel come from the allow-lists too (RelationSpec); the ids are escaped literals.
function relationScript({ type, fromLabel, toLabel, links }: RelationSpec): string {
  const ranked = links.some((link) => link.rank !== undefined);
  const header = `// (:${fromLabel})-[:${type}]->(:${toLabel}) (${String(links.length)}); ${GENERATED_BY}.\n` +
    `// MERGE keeps each relationship once per pair${ranked ? '; rank keeps the order of the facts (0 first)' : ''}.\n`;
  const statements = batches(links).map((batch) =>
    `UNWIND [\n${batch.map((link) => `  ${mapLiteral({ from: link.from, to: link.to, rank: link.rank })}`).join(',\n')}\n] AS link\n` +
    `MATCH (a:${fromLabel} {id: link.from}), (b:${toLabel} {id: link.to})\n` +
    `MERGE (a)-[r:${type}]->(b)${ranked ? '\nSET r.rank = link.rank' : ''};\n`);
  return header + '\n' + statements.join('\n');
}

function links<T extends { id: string }>(items: T[], targets: (item: T) => string[], ranked = false): Link[] {
  return items.flatMap((item) => targets(item).map((to, rank): Link => (ranked ? { from: item.id, to, rank } : { from: item.id, to })));
}

function reversed(list: Link[]): Link[] {
  return list.map(({ from, to }) => ({ from: to, to: from }));
}

function modelProps(m: ModelFact): Props {
  return {
    id: m.id, name: m.name, aliases: m.aliases, year: m.year, organization: m.organization,
    architecture: m.architecture, paradigm: m.paradigm, pretraining: m.pretraining, modalities: m.modalities,
    parameters: m.parameters, openWeights: m.openWeights, description: m.description,
    paperTitle: m.paper?.title, paperVenue: m.paper?.venue, paperYear: m.paper?.year, paperUrl: m.paper?.url,
    sourceNote: m.sourceNote,
  };
}

/** The properties of a Result node, in the order the script's projection lists them (a fixed allow-list). */
const RESULT_PROPERTIES = [
  'id', 'metric', 'value', 'unit', 'higherIsBetter', 'setting', 'split', 'variant', 'note', 'sourceTitle', 'sourceUrl',
  'sourceKind',
] as const;

/** A result's node id: a hash of what makes it one, so it stays the same when other results come and go. */
function resultId(result: ResultFact): string {
  return `result-${createHash('sha256').update(resultIdentity(result)).digest('hex').slice(0, 16)}`;
}

function resultRow(r: ResultFact): Props {
  const props: Record<(typeof RESULT_PROPERTIES)[number], Scalar> = {
    id: resultId(r), metric: r.metric, value: r.value, unit: r.unit, higherIsBetter: r.higherIsBetter, setting: r.setting,
    split: r.split, variant: r.variant, note: r.note, sourceTitle: r.source.title, sourceUrl: r.source.url,
    sourceKind: r.sourceKind,
  };
  return { model: r.model, dataset: r.dataset, ...props };
}

/**
 * A Result node per result, linked (Model)-[:ACHIEVED]->(Result)-[:ON]->(Dataset). Results are measurements, not
 * entities: they carry no :Entity label, so search, node(id:), paths and neighbourhoods never meet them.
 */
function resultScript(results: ResultFact[]): string {
  const header = `// (:Model)-[:ACHIEVED]->(:Result)-[:ON]->(:Dataset) (${String(results.length)} results); ${GENERATED_BY}.\n` +
    '// SET r = row {...} replaces every property and MERGE keeps each relationship once, so running it again changes nothing;\n' +
    '// values are floats, also those the facts write as integers.\n';
  const projection = RESULT_PROPERTIES.map((key) => (key === 'value' ? 'value: toFloat(row.value)' : `.${key}`)).join(', ');
  const statements = batches(results.map(resultRow)).map((batch) =>
    `UNWIND [\n${batch.map((row) => `  ${mapLiteral(row)}`).join(',\n')}\n] AS row\n` +
    'MATCH (m:Model {id: row.model}), (d:Dataset {id: row.dataset})\n' +
    'MERGE (r:Result {id: row.id})\n' +
    `SET r = row {${projection}}\n` +
    'MERGE (m)-[:ACHIEVED]->(r)\n' +
    'MERGE (r)-[:ON]->(d);\n');
  return header + '\n' + statements.join('\n');
}

export interface Seed { scripts: Map<string, string>; manifest: SeedManifest }

/** The most models `idsOf` a model gives any one id. */
function mostModels(models: ModelFact[], idsOf: (model: ModelFact) => Iterable<string>): number {
  const counts = new Map<string, number>();
  for (const model of models) {
    for (const id of new Set(idsOf(model))) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

/** An organisation and every organisation it is part of, up the PART_OF tree. */
function withParents(organizations: Facts['organizations']): (id: string) => string[] {
  const parentOf = new Map(organizations.map((o) => [o.id, o.parent]));
  return (id) => {
    const chain: string[] = [];
    for (let at: string | null | undefined = id; at && !chain.includes(at); at = parentOf.get(at)) chain.push(at);
    return chain;
  };
}

/** The seed files, named so that nodes load before the relationships that need them, and their expected counts. */
export function seedFromFacts(facts: Facts): Seed {
  const nodes: [string, EntityLabel, Props[]][] = [
    ['01-domains.cypher', 'Domain', facts.domains.map(({ id, name, aliases, description }) => ({ id, name, aliases, description }))],
    ['02-organizations.cypher', 'Organization', facts.organizations.map(({ id, name, aliases, kind, country }) =>
      ({ id, name, aliases, kind, country }))],
    ['03-tasks.cypher', 'Task', facts.tasks.map(({ id, name, aliases, description }) => ({ id, name, aliases, description }))],
    ['04-datasets.cypher', 'Dataset', facts.datasets.map(({ id, name, aliases, description, modality, size, url }) =>
      ({ id, name, aliases, description, modality, size, url }))],
    ['05-models.cypher', 'Model', facts.models.map(modelProps)],
  ];
  const relations: RelationSpec[] = [
    { type: 'HAS_TASK', fromLabel: 'Domain', toLabel: 'Task', links: reversed(links(facts.tasks, (t) => t.domains)) },
    { type: 'BENCHMARKED_ON', fromLabel: 'Task', toLabel: 'Dataset', links: reversed(links(facts.datasets, (d) => d.tasks)) },
    { type: 'IN_DOMAIN', fromLabel: 'Model', toLabel: 'Domain', links: links(facts.models, (m) => m.domains) },
    { type: 'PERFORMS', fromLabel: 'Model', toLabel: 'Task', links: links(facts.models, (m) => m.tasks) },
    { type: 'TRAINED_ON', fromLabel: 'Model', toLabel: 'Dataset', links: links(facts.models, (m) => m.trainedOn) },
    { type: 'EVALUATED_ON', fromLabel: 'Model', toLabel: 'Dataset', links: links(facts.models, (m) => m.evaluatedOn) },
    { type: 'BASED_ON', fromLabel: 'Model', toLabel: 'Model', links: links(facts.models, (m) => m.basedOn) },
    { type: 'DEVELOPED_BY', fromLabel: 'Model', toLabel: 'Organization', links: links(facts.models, (m) => m.organizations, true) },
    { type: 'PART_OF', fromLabel: 'Organization', toLabel: 'Organization',
      links: links(facts.organizations, (o) => (o.parent === null ? [] : [o.parent])) },
  ];
  const scripts = new Map<string, string>();
  const labels: Record<string, number> = { Entity: 0 };
  for (const [file, label, rows] of nodes) {
    scripts.set(file, nodeScript(label, rows));
    labels[label] = rows.length;
    labels['Entity']! += rows.length;
  }
  const relationships: Record<string, number> = {};
  relations.forEach((spec, i) => {
    scripts.set(`${String(10 + i)}-${spec.type.toLowerCase().replace(/_/g, '-')}.cypher`, relationScript(spec));
    relationships[spec.type] = spec.links.length;
  });
  // After every relationship script, so that a new relationship type does not renumber it.
  scripts.set('30-results.cypher', resultScript(facts.results));
  labels['Result'] = facts.results.length;
  relationships['ACHIEVED'] = facts.results.length;
  relationships['ON'] = facts.results.length;
  const sorted = (counts: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  const organizationChain = withParents(facts.organizations);
  const manifest: SeedManifest = {
    source: `"Biomedical Foundation Model: A Survey" (arXiv 2503.02104) and its curated facts: ${String(facts.models.length)} models, ` +
      `${String(facts.organizations.length)} organisations, ${String(facts.tasks.length)} tasks, ${String(facts.datasets.length)} datasets ` +
      `in 5 domains, each model with its sources, and ${String(facts.results.length)} benchmark results, each with its source (seed/facts/).`,
    labels: sorted(labels),
    relationships: sorted(relationships),
    mostModels: {
      Domain: mostModels(facts.models, (m) => m.domains),
      Task: mostModels(facts.models, (m) => m.tasks),
      Organization: mostModels(facts.models, (m) => m.organizations.flatMap(organizationChain)),
    },
  };
  return { scripts, manifest };
}
