import { defineConfig } from 'vitest/config';

// CI (`.ci/run`) asks for a JSON report beside the usual output, to print
// its "N passed, N failed" line; `npm test` stays the same command.
const json = process.env['VITEST_JSON'];

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
    ...(json
      ? { reporters: ['default', 'json'], outputFile: { json } }
      : {}),
  },
});
