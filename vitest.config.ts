import { defineConfig } from 'vitest/config';

// Forks, not threads: recipes start their own worker threads and child
// processes, and a forked test file is killed whole if it hangs.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
    globalSetup: ['./scripts/lib/leak-check.setup.ts'],
  },
});
