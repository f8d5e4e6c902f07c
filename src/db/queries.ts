/**
 * The named read queries of cypher/queries/, loaded once; a missing file fails at start-up, not mid-request. The
 * path queries are templates (a placeholder where Cypher wants a literal): src/db/paths.ts makes their texts.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';

const QUERY_NAMES = [
  'domains',
  'tasks',
  'organizations',
  'nodes-by-id',
  'search',
  'related-models',
  'stats',
  'label-counts',
  'relationship-counts',
  'release',
  'export-nodes',
  'export-relationships',
  'export-node-properties',
  'export-relationship-properties',
  'leaderboards',
] as const;

const TEMPLATE_NAMES = ['shortest-path', 'paths'] as const;

export type QueryName = (typeof QUERY_NAMES)[number];
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const texts = new Map<QueryName | TemplateName, string>(
  [...QUERY_NAMES, ...TEMPLATE_NAMES].map((name) => [name, readFileSync(projectPath('cypher', 'queries', `${name}.cypher`), 'utf8')]),
);

function text(name: QueryName | TemplateName): string {
  const found = texts.get(name);
  if (found === undefined) throw new Error(`unknown query ${name}`);
  return found;
}

export function cypherQuery(name: QueryName): string {
  return text(name);
}

export function cypherTemplate(name: TemplateName): string {
  return text(name);
}
