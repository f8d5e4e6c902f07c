/** The root lists of domains, tasks and organisations, each by name (datasets: db/dataset-list.ts). */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { DomainRow, OrganizationRow, TaskRow } from './rows.js';

function nodes<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => row['node'] as T);
}

export async function listDomains(reader: Reader): Promise<DomainRow[]> {
  return nodes<DomainRow>(await reader.read(cypherQuery('domains')));
}

export async function listTasks(reader: Reader, domain: string | null): Promise<TaskRow[]> {
  return nodes<TaskRow>(await reader.read(cypherQuery('tasks'), { domain }));
}

/** `kind` in the data's lowercase; `country` an ISO 3166-1 alpha-2 code in any case. */
export async function listOrganizations(reader: Reader, kind: string | null, country: string | null): Promise<OrganizationRow[]> {
  return nodes<OrganizationRow>(await reader.read(cypherQuery('organizations'), { kind, country }));
}
