import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  normalize,
  parseGo,
  parseJson,
  parseResults,
  writeGo,
  writeJson,
  type ResultFile,
} from '../src/format.ts';

const data = (name: string): string =>
  readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8');

const FILE: ResultFile = {
  config: { runtime: 'node', cores: '2', commit: 'abc1234' },
  benchmarks: [
    { name: 'Lock/impl=serial', unit: 'ns/op', samples: [1000, 1010.5],
      config: { recipe: 'threads/lock' } },
    { name: 'Lock/impl=atomics/workers=2', unit: 'ns/op',
      samples: [600, 610], ops: 100, config: { recipe: 'threads/lock' } },
    { name: 'Gpu/impl=kernel', unit: 'ns/op', samples: [5, 6],
      config: { recipe: 'gpu/add', backend: 'webasm' } },
    { name: 'Other/impl=x', unit: 'ns/op', samples: [7],
      config: { recipe: 'gpu/other' } },
  ],
};

test('Go format: write then parse gives the same file', () => {
  const text = writeGo(FILE);
  expect(text).toContain(
    'BenchmarkLock/impl=atomics/workers=2\t100\t600 ns/op');
  // A key that stops applying is cleared with an empty value.
  expect(text).toContain('\nbackend:\n');
  expect(parseGo(text)).toEqual(normalize(FILE));
});

test('JSON: write then parse gives the same file', () => {
  const text = writeJson(FILE);
  const doc = JSON.parse(text) as { schema: number;
    benchmarks: { median: number; ci: unknown[] }[] };
  expect(doc.schema).toBe(1);
  expect(doc.benchmarks[0]!.median).toBe(1005.25);
  expect(doc.benchmarks[0]!.ci).toEqual([null, null]);
  expect(parseJson(text)).toEqual(normalize(FILE));
});

test('both forms convert into each other', () => {
  const viaJson = parseResults(writeJson(parseResults(writeGo(FILE))));
  expect(viaJson).toEqual(normalize(FILE));
});

test('reads real `go test -bench` output, ignoring other lines', () => {
  const f = parseGo(data('encode-old.txt'));
  expect(f.config).toEqual({ goos: 'linux', goarch: 'amd64',
    pkg: 'golang.org/x/perf/cmd/benchstat/testdata' });
  expect(f.benchmarks.map((b) => [b.name, b.samples.length])).toEqual([
    ['Encode/format=json-48', 10], ['Encode/format=gob-48', 10]]);
});

test('rejects JSON that is not a result file', () => {
  expect(() => parseJson('{"schema": 2}')).toThrow(/schema/);
  expect(() => parseJson('{"schema": 1, "benchmarks": [{}]}'))
    .toThrow(/benchmarks\[0\]/);
});
