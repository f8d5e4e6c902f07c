/**
 * What the API must answer, computed from the facts of seed/facts/ the way README "API behaviour" and
 * schema.graphql document it, so that tests compare the server with the facts rather than with a release's literals.
 * It reads the facts only (never the graph or src/db), and speaks the API's spelling: enum values in
 * UPPER_SNAKE_CASE, a model's paper as an object or null.
 */
import { readFacts } from '../src/facts/facts-files.js';
import type { DatasetFact, DomainFact, ModelFact, OrganizationFact, TaskFact } from '../src/facts/types.js';
import type { ModelOrder, ModelOrderField, ModelWhere, SortDirection } from '../src/generated/graphql.js';

export type { ModelOrder, ModelWhere };

export const FACTS = readFacts();

interface Named {
  id: string;
  name: string;
}

/** The facts' kebab-case spelling of an API enum value (PROTEIN_SEQUENCE -> protein-sequence). */
function stored(enumValue: string): string {
  return enumValue.toLowerCase().replace(/_/g, '-');
}

/** The API's enum value for the facts' spelling (protein-sequence -> PROTEIN_SEQUENCE). */
function enumValue(storedValue: string): string {
  return storedValue.toUpperCase().replace(/-/g, '_');
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A plain list's order: by name case-insensitively, then id. */
export function byName<T extends Named>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.id, b.id));
}

export function ids(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id);
}

function find<T extends { id: string }>(items: T[], id: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in the facts`);
  return found;
}

export const model = (id: string): ModelFact => find(FACTS.models, id);
export const domain = (id: string): DomainFact => find(FACTS.domains, id);
export const task = (id: string): TaskFact => find(FACTS.tasks, id);
export const dataset = (id: string): DatasetFact => find(FACTS.datasets, id);

/** The organisation and every organisation it is part of (PART_OF*0..). */
function selfAndAncestors(id: string): string[] {
  const chain: string[] = [];
  for (let current: OrganizationFact | undefined = find(FACTS.organizations, id); current; ) {
    chain.push(current.id);
    current = current.parent === null ? undefined : find(FACTS.organizations, current.parent);
  }
  return chain;
}

/**
 * Breadth first from `start` over `next`: each id reached, once, with its nearest depth; `start` itself never
 * (a cycle back to it is not a step).
 */
export function reachable(start: string, next: (id: string) => string[]): Map<string, number> {
  const depths = new Map<string, number>();
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth += 1) {
    frontier = [...new Set(frontier.flatMap(next))].filter((id) => id !== start && !depths.has(id));
    for (const id of frontier) depths.set(id, depth);
  }
  return depths;
}

/** A model's lineage in the facts: ancestors over basedOn, descendants over the models based on it. */
export function lineage(id: string, direction: 'ancestors' | 'descendants'): Map<string, number> {
  return reachable(id, (current) =>
    direction === 'ancestors' ? (FACTS.models.find((m) => m.id === current)?.basedOn ?? []) : ids(derivatives(current)),
  );
}

/** Each filter as schema.graphql ModelWhere describes it; a missing value never matches. */
const MATCHES: { [K in keyof ModelWhere]-?: (m: ModelFact, value: NonNullable<ModelWhere[K]>) => boolean } = {
  domain: (m, id) => m.domains.includes(id),
  task: (m, id) => m.tasks.includes(id),
  dataset: (m, id) => m.trainedOn.includes(id) || m.evaluatedOn.includes(id),
  paradigm: (m, paradigm) => m.paradigm === stored(paradigm),
  modality: (m, modality) => m.modalities.includes(stored(modality)),
  organization: (m, text) => m.organization?.toLowerCase() === text.toLowerCase(),
  developedBy: (m, id) => m.organizations.some((org) => selfAndAncestors(org).includes(id)),
  nameContains: (m, text) => m.name.toLowerCase().includes(text.toLowerCase()),
  yearFrom: (m, year) => m.year !== null && m.year >= year,
  yearTo: (m, year) => m.year !== null && m.year <= year,
  openWeights: (m, open) => m.openWeights === open,
  minParameters: (m, count) => m.parameters !== null && m.parameters >= count,
  descendantOf: (m, id) => lineage(id, 'descendants').has(m.id),
  ancestorOf: (m, id) => lineage(id, 'ancestors').has(m.id),
  trainedOnAny: (m, list) => m.trainedOn.some((d) => list.includes(d)),
  evaluatedOnAny: (m, list) => m.evaluatedOn.some((d) => list.includes(d)),
  hasTrainingData: (m, has) => m.trainedOn.length > 0 === has,
  hasEvaluationData: (m, has) => m.evaluatedOn.length > 0 === has,
  modalityAny: (m, list) => list.some((modality) => m.modalities.includes(stored(modality))),
  domainAny: (m, list) => m.domains.some((d) => list.includes(d)),
  taskAny: (m, list) => m.tasks.some((t) => list.includes(t)),
};

const SORT_VALUE: Record<ModelOrderField, (m: ModelFact) => string | number | null> = {
  NAME: (m) => m.name.toLowerCase(),
  YEAR: (m) => m.year,
  PARAMETERS: (m) => m.parameters,
  DERIVATIVES: (m) => derivatives(m.id).length,
  DESCENDANTS: (m) => lineage(m.id, 'descendants').size,
  DATASETS: (m) => new Set([...m.trainedOn, ...m.evaluatedOn]).size,
};

/** orderBy: its keys with missing values last in both directions, then id in the direction of the last key. */
function modelComparator(order: ModelOrder[]): (a: ModelFact, b: ModelFact) => number {
  const sign = (direction: SortDirection | null | undefined): number => (direction === 'DESC' ? -1 : 1);
  return (a, b) => {
    for (const { field, direction } of order) {
      const [x, y] = [SORT_VALUE[field](a), SORT_VALUE[field](b)];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return sign(direction) * compare(x, y);
    }
    return sign(order[order.length - 1]?.direction) * compare(a.id, b.id);
  };
}

/** The whole list `models(where, orderBy)` pages through, in page order (by name unless orderBy says otherwise). */
export function models(where: ModelWhere = {}, orderBy: ModelOrder[] = [{ field: 'NAME', direction: 'ASC' }]): ModelFact[] {
  // A filter given as null is no filter, as in GraphQL.
  const conditions = (Object.entries(where) as [keyof ModelWhere, never][])
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => (m: ModelFact) => MATCHES[key](m, value));
  return FACTS.models.filter((m) => conditions.every((matches) => matches(m))).sort(modelComparator(orderBy));
}

/** A model's scalar fields as the API gives them. */
export function apiModel(m: ModelFact) {
  return {
    id: m.id,
    name: m.name,
    year: m.year,
    organization: m.organization,
    paradigm: m.paradigm === null ? null : enumValue(m.paradigm),
    modalities: m.modalities.map(enumValue),
    parameters: m.parameters,
    openWeights: m.openWeights,
    paper: m.paper,
  };
}

/** The entities of `all` whose ids are listed, as a plain list. */
function listed<T extends Named>(all: T[], wanted: readonly string[]): T[] {
  return byName(all.filter((item) => wanted.includes(item.id)));
}

export const modelDomains = (m: ModelFact): DomainFact[] => listed(FACTS.domains, m.domains);
export const modelTasks = (m: ModelFact): TaskFact[] => listed(FACTS.tasks, m.tasks);
export const modelTrainedOn = (m: ModelFact): DatasetFact[] => listed(FACTS.datasets, m.trainedOn);
export const modelEvaluatedOn = (m: ModelFact): DatasetFact[] => listed(FACTS.datasets, m.evaluatedOn);
export const modelBasedOn = (m: ModelFact): ModelFact[] => listed(FACTS.models, m.basedOn);
export const derivatives = (id: string): ModelFact[] => byName(FACTS.models.filter((m) => m.basedOn.includes(id)));

export const domainTasks = (id: string): TaskFact[] => byName(FACTS.tasks.filter((t) => t.domains.includes(id)));
export const taskDomains = (t: TaskFact): DomainFact[] => listed(FACTS.domains, t.domains);
export const taskDatasets = (id: string): DatasetFact[] => byName(FACTS.datasets.filter((d) => d.tasks.includes(id)));
export const datasetTasks = (d: DatasetFact): TaskFact[] => listed(FACTS.tasks, d.tasks);
export const trainedModels = (id: string): ModelFact[] => byName(FACTS.models.filter((m) => m.trainedOn.includes(id)));
export const evaluatedModels = (id: string): ModelFact[] => byName(FACTS.models.filter((m) => m.evaluatedOn.includes(id)));

/** The distinct datasets the domain's tasks are benchmarked on. */
export function domainDatasets(id: string): DatasetFact[] {
  const tasks = ids(domainTasks(id));
  return byName(FACTS.datasets.filter((d) => d.tasks.some((t) => tasks.includes(t))));
}

/** `tasks(domain:)`: all tasks, or those of one domain. */
export const tasks = (domainId?: string): TaskFact[] => (domainId === undefined ? byName(FACTS.tasks) : domainTasks(domainId));

/** `datasets(task:, modality:)`: all datasets, or those a task is benchmarked on and/or of one modality. */
export function datasets(filter: { task?: string; modality?: string } = {}): DatasetFact[] {
  return byName(
    FACTS.datasets.filter(
      (d) =>
        (filter.task === undefined || d.tasks.includes(filter.task)) &&
        (filter.modality === undefined || d.modality === stored(filter.modality)),
    ),
  );
}

/** The entities one relationship away from a model (in either direction), by name. */
export function modelNeighbours(m: ModelFact): Named[] {
  const linked = new Set([...m.domains, ...m.tasks, ...m.trainedOn, ...m.evaluatedOn, ...m.basedOn, ...ids(derivatives(m.id)), ...m.organizations]);
  const entities: Named[] = [...FACTS.domains, ...FACTS.organizations, ...FACTS.tasks, ...FACTS.datasets, ...FACTS.models];
  return byName(entities.filter((entity) => linked.has(entity.id)));
}

/** `relatedModels`: the Jaccard index of the features (tasks, datasets trained or evaluated on), best first, then by name. */
export function relatedModels(id: string): { score: number; model: ModelFact; sharedTasks: TaskFact[]; sharedDatasets: DatasetFact[] }[] {
  const features = (m: ModelFact) => new Set([...m.tasks, ...m.trainedOn, ...m.evaluatedOn]);
  const mine = features(model(id));
  const related = FACTS.models
    .filter((other) => other.id !== id)
    .map((other) => {
      const theirs = features(other);
      const shared = [...mine].filter((f) => theirs.has(f));
      return {
        score: shared.length / (mine.size + theirs.size - shared.length),
        model: other,
        sharedTasks: listed(FACTS.tasks, shared),
        sharedDatasets: listed(FACTS.datasets, shared),
      };
    })
    .filter((r) => r.score > 0);
  const order = new Map(byName(related.map((r) => r.model)).map((m, i) => [m.id, i]));
  return related.sort((a, b) => b.score - a.score || order.get(a.model.id)! - order.get(b.model.id)!);
}
