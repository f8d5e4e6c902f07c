/**
 * The whole model list as a client would read it without counts: every page of `models`, with the facts each
 * count, facet, filter and lineage is computed from, so that tests can count by hand and compare.
 */
import { expect } from 'vitest';
import type { ModelDimension } from '../../src/generated/graphql.js';
import { reachable } from '../facts-oracle.js';
import type { TestServer } from '../harness.js';

interface Ref {
  id: string;
  name: string;
}

export interface ModelFacts {
  id: string;
  name: string;
  year: number | null;
  modalities: string[];
  paradigm: string | null;
  openWeights: boolean | null;
  domains: Ref[];
  tasks: Ref[];
  trainedOn: Ref[];
  evaluatedOn: Ref[];
  basedOn: Ref[];
  derivatives: Ref[];
  organizations: Ref[];
  /** The top parent of each of its organisations (over PART_OF), each once: filled in from the organisations. */
  organizationGroups: Ref[];
}

const PAGE = `query Every($after: String, $where: ModelWhere) {
  models(first: 100, after: $after, where: $where) {
    nodes {
      id name year modalities paradigm openWeights
      domains { id name } tasks { id name } trainedOn { id name } evaluatedOn { id name }
      basedOn { id name } derivatives { id name } organizations { id name }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  models: { nodes: Omit<ModelFacts, 'organizationGroups'>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Every organisation's top parent over PART_OF (itself when it has none), from the organisations' parents. */
async function topParents(server: TestServer): Promise<Map<string, Ref>> {
  const response = await server.gql<{ organizations: (Ref & { parent: { id: string } | null })[] }>(
    '{ organizations { id name parent { id } } }',
  );
  const byId = new Map(response.data!.organizations.map((o) => [o.id, o]));
  const top = (id: string, seen: Set<string> = new Set()): Ref => {
    const organization = byId.get(id)!;
    const parent = organization.parent?.id;
    return parent === undefined || seen.has(parent) ? { id, name: organization.name } : top(parent, new Set([...seen, id]));
  };
  return new Map([...byId.keys()].map((id) => [id, top(id)]));
}

/** Pages through every model matching `where` (all when omitted), 100 at a time. */
export async function everyModel(server: TestServer, where?: Record<string, unknown>): Promise<ModelFacts[]> {
  const groups = await topParents(server);
  const models: ModelFacts[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await server.gql<Page>(PAGE, { after, where });
    expect(response.errors).toBeUndefined();
    const page: Page['models'] = response.data!.models;
    for (const model of page.nodes) {
      const tops = model.organizations.map((o) => groups.get(o.id)!);
      models.push({ ...model, organizationGroups: [...new Map(tops.map((t) => [t.id, t])).values()] });
    }
    if (!page.pageInfo.hasNextPage) return models;
    after = page.pageInfo.endCursor;
  }
}

export type Dimension = ModelDimension;

export const DIMENSIONS: Dimension[] = [
  'YEAR',
  'DOMAIN',
  'TASK',
  'MODALITY',
  'PARADIGM',
  'OPEN_WEIGHTS',
  'BASE_MODEL',
  'ORGANIZATION',
  'ORGANIZATION_GROUP',
];

/** A model's values in a dimension as strings (entity ids, enum values, years, true/false), with their labels. */
export function valuesOf(model: ModelFacts, dimension: Dimension): { value: string; label: string }[] {
  const scalar = (value: string | number | boolean | null, label = String(value)) =>
    value === null ? [] : [{ value: String(value), label }];
  const entities = (refs: Ref[]) => refs.map((ref) => ({ value: ref.id, label: ref.name }));
  const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');
  switch (dimension) {
    case 'YEAR':
      return scalar(model.year);
    case 'DOMAIN':
      return entities(model.domains);
    case 'TASK':
      return entities(model.tasks);
    case 'MODALITY':
      return model.modalities.map((m) => ({ value: m, label: words(m) }));
    case 'PARADIGM':
      return model.paradigm === null ? [] : [{ value: model.paradigm, label: words(model.paradigm) }];
    case 'OPEN_WEIGHTS':
      return scalar(model.openWeights, model.openWeights ? 'open weights' : 'weights not released');
    case 'BASE_MODEL':
      return entities(model.basedOn);
    case 'ORGANIZATION':
      return entities(model.organizations);
    case 'ORGANIZATION_GROUP':
      return entities(model.organizationGroups);
  }
}

/** Counts by hand: per combination of values (joined by "|"), how many models have it. */
export function countByHand(models: ModelFacts[], by: Dimension[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const model of models) {
    let keys = [''];
    for (const dimension of by) {
      const values = [...new Set(valuesOf(model, dimension).map((v) => v.value))];
      keys = keys.flatMap((key) => values.map((value) => (key === '' ? value : `${key}|${value}`)));
    }
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The models reachable from `start` over basedOn (ancestors) or derivatives (descendants), breadth first: id -> depth. */
export function lineageByHand(models: ModelFacts[], start: string, direction: 'ancestors' | 'descendants'): Map<string, number> {
  const byId = new Map(models.map((m) => [m.id, m]));
  return reachable(start, (id) => (direction === 'ancestors' ? byId.get(id)?.basedOn : byId.get(id)?.derivatives)?.map((r) => r.id) ?? []);
}
