/**
 * Smoke run of every benchmark suite: every `recipes/*\/*.bench.ts` and
 * the harness fixture run in-process with 2 runs, no warmup, no Python
 * peers and BENCH_SMOKE=1 (bench files shrink their workloads), and the
 * results must survive the Go format and JSON. Timings are not checked;
 * full benchmark runs never happen in `npm test`.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { allBenchFiles, benchId } from '../src/discover.ts';
import { parseGo, parseJson, writeGo, writeJson } from '../src/format.ts';
import { loadSuites, toResultFile } from '../src/load.ts';
import { runSuite } from '../src/runner.ts';

const FIXTURE = fileURLToPath(
  new URL('../testdata/fixture.bench.ts', import.meta.url));
const files = [...allBenchFiles().map((f) => f.file), FIXTURE];

let saved: string | undefined;
beforeAll(() => {
  saved = process.env['BENCH_SMOKE'];
  process.env['BENCH_SMOKE'] = '1';
});
afterAll(() => {
  if (saved === undefined) delete process.env['BENCH_SMOKE'];
  else process.env['BENCH_SMOKE'] = saved;
});

test.each(files.map((f) => [benchId(f), f]))(
  'smoke: %s', { timeout: 60_000 }, async (recipe, file) => {
    const suites = await loadSuites(file);
    const results = [];
    for (const s of suites) {
      results.push(await runSuite(s, { runs: 2, warmup: 0, peers: false,
        recipe }));
    }
    const out = toResultFile(results, { runtime: 'node', cores: '2' });
    const ran = results.flatMap((r) => r.variants
      .filter((v) => v.skipped === undefined)
      .map((v) => `${r.name}/${v.name}`));
    expect(ran.length).toBeGreaterThan(0);
    for (const parsed of [parseGo(writeGo(out)), parseJson(writeJson(out))]) {
      expect(parsed.benchmarks.map((b) => b.name)).toEqual(ran);
      for (const b of parsed.benchmarks) {
        expect(b.samples).toHaveLength(2);
        expect(b.samples.every((x) => x > 0)).toBe(true);
      }
    }
  });
