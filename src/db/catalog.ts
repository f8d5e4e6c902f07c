/** The root lists of domains and tasks, each by name (datasets: db/dataset-list.ts). */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { DomainRow, TaskRow } from './rows.js';

function nodes<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => row['node'] as T);
}

export async function listDomains(reader: Reader): Promise<DomainRow[]> {
  return nodes<DomainRow>(await reader.read(cypherQuery('domains')));
}

export async function listTasks(reader: Reader, domain: string | null): Promise<TaskRow[]> {
  return nodes<TaskRow>(await reader.read(cypherQuery('tasks'), { domain }));
}
