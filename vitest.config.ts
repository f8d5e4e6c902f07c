// Tests run against one real Neo4j per run, provided by test/global-setup.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
