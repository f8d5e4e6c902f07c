/** The named read queries of cypher/queries/, loaded once; a missing file fails at start-up, not mid-request. */
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';

const QUERY_NAMES = [
  'domains',
  'tasks',
  'organizations',
  'nodes-by-id',
  'search',
  'shortest-path',
  'paths',
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

export type QueryName = (typeof QUERY_NAMES)[number];

const texts = new Map<QueryName, string>(
  QUERY_NAMES.map((name) => [name, readFileSync(projectPath('cypher', 'queries', `${name}.cypher`), 'utf8')]),
);

export function cypherQuery(name: QueryName): string {
  const text = texts.get(name);
  if (text === undefined) throw new Error(`unknown query ${name}`);
  return text;
}
