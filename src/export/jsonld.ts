/**
 * JSON-LD with schema.org types: the graph as a Dataset stamped with its release, then every entity as a node
 * whose @id is its canonical URL (/entity/:id). Models are SoftwareApplication and CreativeWork with `isBasedOn`,
 * `creator` (lead organisation first) and `citation` (their paper, a ScholarlyArticle); datasets are Dataset,
 * organisations Organization with `parentOrganization`, domains DefinedTermSets whose terms are their tasks.
 * Benchmark results are Result nodes of this project's vocabulary (`value`, `unitText`, the source as `citation`),
 * named within this file (they are no entities, so they have no /entity/ URL); a model links them as `bfm:achieved`,
 * a result its dataset as `bfm:on`. Facts schema.org has no term for use this project's vocabulary (/vocab#).
 */
import type { ExportLabel, ExportNodeRow, ModelRow, RelationshipRow, ResultNodeRow } from '../db/rows.js';
import type { PlainValue } from '../db/values.js';
import { canonicalEntityUrl } from '../links/entity-links.js';
import { nodeProperties, type ExportGraph } from './export-graph.js';
import { releaseStamp } from './release-stamp.js';

const TYPES: Record<ExportLabel, string | string[]> = {
  Model: ['SoftwareApplication', 'CreativeWork'],
  Dataset: 'Dataset',
  Organization: 'Organization',
  Domain: 'DefinedTermSet',
  Task: 'DefinedTerm',
  Result: 'bfm:Result',
};

/** The relationship types whose end is a result (the data model's (Model)-[:ACHIEVED]->(Result)), not an entity. */
const TO_RESULT = new Set(['ACHIEVED']);

/** Relationship types as JSON-LD properties (terms of the context below). */
export const RELATIONSHIP_TERMS: Record<string, string> = {
  BASED_ON: 'isBasedOn',
  DEVELOPED_BY: 'creator',
  PART_OF: 'parentOrganization',
  HAS_TASK: 'hasDefinedTerm',
  IN_DOMAIN: 'bfm:inDomain',
  PERFORMS: 'bfm:performs',
  TRAINED_ON: 'bfm:trainedOn',
  EVALUATED_ON: 'bfm:evaluatedOn',
  BENCHMARKED_ON: 'bfm:benchmarkedOn',
  ACHIEVED: 'bfm:achieved',
  ON: 'bfm:on',
};

/** Stored properties with a schema.org term; the others keep their name in this project's vocabulary. */
const PROPERTY_TERMS: Record<string, string> = {
  name: 'name',
  description: 'description',
  url: 'url',
  aliases: 'alternateName',
  value: 'value',
  unit: 'unitText',
};
/** Properties written as a `citation` object instead of one by one. */
const CITED_FIELDS = new Set(['paperTitle', 'paperVenue', 'paperYear', 'paperUrl', 'sourceTitle', 'sourceUrl', 'sourceKind']);

export function jsonLdContext(origin: string): Record<string, unknown> {
  return {
    '@vocab': 'https://schema.org/',
    bfm: `${origin}/vocab#`,
    isBasedOn: { '@type': '@id' },
    creator: { '@type': '@id', '@container': '@list' },
    parentOrganization: { '@type': '@id' },
    hasDefinedTerm: { '@type': '@id' },
    'bfm:inDomain': { '@type': '@id' },
    'bfm:performs': { '@type': '@id' },
    'bfm:trainedOn': { '@type': '@id' },
    'bfm:evaluatedOn': { '@type': '@id' },
    'bfm:benchmarkedOn': { '@type': '@id' },
    'bfm:achieved': { '@type': '@id' },
    'bfm:on': { '@type': '@id' },
    url: { '@type': '@id' },
  };
}

/** The @id of a node: an entity's canonical URL, a result's name within this file. */
function nodeUrl(origin: string, id: string, isResult: boolean): string {
  return isResult ? `${origin}/export/graph.jsonld#${encodeURIComponent(id)}` : canonicalEntityUrl(origin, id);
}

function modelCitation(model: ModelRow): Record<string, PlainValue> | undefined {
  if (model.paperTitle === undefined && model.paperUrl === undefined && model.paperVenue === undefined) return undefined;
  return {
    '@type': 'ScholarlyArticle',
    ...(model.paperTitle !== undefined && { name: model.paperTitle }),
    ...(model.paperUrl !== undefined && { url: model.paperUrl }),
    ...(model.paperYear !== undefined && { datePublished: String(model.paperYear) }),
    ...(model.paperVenue !== undefined && { 'bfm:venue': model.paperVenue }),
  };
}

function resultCitation(result: ResultNodeRow): Record<string, PlainValue> {
  return {
    '@type': 'CreativeWork',
    name: result.sourceTitle,
    ...(result.sourceUrl !== undefined && { url: result.sourceUrl }),
    ...(result.sourceKind !== undefined && { 'bfm:sourceKind': result.sourceKind }),
  };
}

function citation(node: ExportNodeRow): Record<string, PlainValue> | undefined {
  if (node.label === 'Model') return modelCitation(node);
  return node.label === 'Result' ? resultCitation(node) : undefined;
}

function jsonLdNode(origin: string, node: ExportNodeRow, edges: RelationshipRow[]): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': nodeUrl(origin, node.id, node.label === 'Result'), '@type': TYPES[node.label], identifier: node.id };
  for (const [key, value] of nodeProperties(node)) {
    if (key === 'id' || CITED_FIELDS.has(key)) continue;
    out[PROPERTY_TERMS[key] ?? `bfm:${key}`] = value;
  }
  const cited = citation(node);
  if (cited) out['citation'] = cited;
  const byTerm = new Map<string, RelationshipRow[]>();
  for (const edge of edges) {
    const term = RELATIONSHIP_TERMS[edge.type] ?? `bfm:${edge.type}`;
    byTerm.set(term, [...(byTerm.get(term) ?? []), edge]);
  }
  for (const [term, list] of byTerm) {
    // The lead organisation first: DEVELOPED_BY keeps the order of the facts as `rank`.
    const ordered = [...list].sort((a, b) => Number(a.properties['rank'] ?? 0) - Number(b.properties['rank'] ?? 0));
    out[term] = ordered.map((edge) => nodeUrl(origin, edge.to, TO_RESULT.has(edge.type)));
  }
  return out;
}

export async function* jsonLd(graph: ExportGraph, origin: string): AsyncGenerator<string> {
  const stamp = releaseStamp(graph.release);
  const dataset = {
    '@id': `${origin}/export/graph.jsonld`,
    '@type': 'Dataset',
    name: 'biofm-graph',
    description: stamp.source,
    version: stamp.version,
    dateModified: stamp.seededAt,
    url: origin,
  };
  yield `{\n  "@context": ${JSON.stringify(jsonLdContext(origin))},\n  "@graph": [\n    ${JSON.stringify(dataset)}`;
  for await (const { node, edges } of graph.nodesWithEdges()) yield `,\n    ${JSON.stringify(jsonLdNode(origin, node, edges))}`;
  yield '\n  ]\n}\n';
}
