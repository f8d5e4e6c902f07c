/** The root lists of domains, tasks, datasets and organisations, each by name. */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { DatasetRow, DomainRow, OrganizationRow, TaskRow } from './rows.js';

function nodes<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => row['node'] as T);
}

export async function listDomains(reader: Reader): Promise<DomainRow[]> {
  return nodes<DomainRow>(await reader.read(cypherQuery('domains')));
}

export async function listTasks(reader: Reader, domain: string | null): Promise<TaskRow[]> {
  return nodes<TaskRow>(await reader.read(cypherQuery('tasks'), { domain }));
}

/** `modality` in the data's kebab-case. */
export async function listDatasets(reader: Reader, task: string | null, modality: string | null): Promise<DatasetRow[]> {
  return nodes<DatasetRow>(await reader.read(cypherQuery('datasets'), { task, modality }));
}

/** `kind` in the data's lowercase; `country` an ISO 3166-1 alpha-2 code in any case. */
export async function listOrganizations(reader: Reader, kind: string | null, country: string | null): Promise<OrganizationRow[]> {
  return nodes<OrganizationRow>(await reader.read(cypherQuery('organizations'), { kind, country }));
}
