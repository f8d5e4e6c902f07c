/** The Neo4j a test run shares (see global-setup.ts), and a Database on it for tests that query it directly. */
import { inject } from 'vitest';
import { Database, type DatabaseOptions } from '../src/db/database.js';
import { BUDGET } from './time.js';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export function testNeo4j(): TestNeo4j {
  return inject('neo4j');
}

export function testDatabase(overrides: Partial<Omit<DatabaseOptions, 'uri' | 'user' | 'password' | 'database'>> = {}): Database {
  return new Database({
    ...testNeo4j(),
    transactionTimeoutMs: BUDGET.transaction,
    acquisitionTimeoutMs: BUDGET.connection,
    maxPoolSize: 10,
    ...overrides,
  });
}
