// Tests run against one real Neo4j per run, provided by test/global-setup.ts.
import { defineConfig } from 'vitest/config';
import { BUDGET } from './test/time.js';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for Apollo Server; Vite would pick the ESM build for our code, and
    // graphql refuses to mix types from two copies. One build for everyone, as under plain Node.
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // Every budget comes from test/time.ts (one factor, TEST_TIME_FACTOR).
    testTimeout: BUDGET.test,
    hookTimeout: BUDGET.hook,
    teardownTimeout: BUDGET.hook,
    expect: { poll: { timeout: BUDGET.poll } },
    env: { LOG_LEVEL: 'silent' },
    // The JSON report lets .ci/run print one plain "N passed, N failed" line at the end.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
