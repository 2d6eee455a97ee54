/**
 * Golden tests of the comparison table (benchstat's main_test.go idea):
 * fixed inputs in testdata/, the full printed output in `.golden` files.
 * UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { compare, type CompareOptions } from '../src/compare.ts';
import { readResults } from '../src/format.ts';

const path = (name: string): string =>
  new URL(`../testdata/${name}`, import.meta.url).pathname;

function golden(name: string, inputs: string[], options: CompareOptions =
  {}): void {
  // `label=file` names a column, as on the command line.
  const files = inputs.map((arg) => {
    const [label, f] = arg.includes('=') ? arg.split('=') : [arg, arg];
    return { label: label!, file: readResults(path(f!)) };
  });
  const got = compare(files, options);
  const text = got.text + got.regressions.map((r) => `REGRESSION ${r}\n`)
    .join('');
  const file = path(`${name}.golden`);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

test('benchstat documented example (old vs new)', () => {
  golden('encode', ['old.txt=encode-old.txt', 'new.txt=encode-new.txt']);
  // The numbers the benchstat docs print.
  const text = readFileSync(path('encode.golden'), 'utf8');
  const rows = text.split('\n').map((l) => l.replace(/ +/g, ' '));
  expect(rows).toContain(
    'Encode/format=json-48 1.718µ ± 1% 1.423µ ± 1% -17.20% (p=0.000 n=10)');
  expect(rows).toContain(
    'Encode/format=gob-48 3.066µ ± 0% 3.070µ ± 2% ~ (p=0.446 n=10)');
  expect(rows).toContain('geomean 2.295µ 2.090µ -8.94%');
});

test('--col /format within one file', () => {
  golden('encode-col', ['new.txt=encode-new.txt'], { col: '/format' });
});

test('JSON inputs, two recipes, a significant change among ~', () => {
  golden('sweep', ['sweep-a.json', 'sweep-b.json']);
});

test('--col /impl adds "x faster than" lines', () => {
  golden('sweep-col', ['sweep-b.json'], { col: '/impl' });
});

test('few samples and differing configs give numbered warnings', () => {
  golden('cores', ['cores-2.txt', 'cores-16.txt']);
  const text = readFileSync(path('cores.golden'), 'utf8');
  expect(text).toContain('configs differ: cores 2 vs 16');
  expect(text).toContain(
    'need >= 6 samples for confidence interval at level 0.95');
  expect(text).toContain(
    'need >= 4 samples to detect a difference at alpha level 0.05');
});

test('--fail-on-regression reports only significant slowdowns', () => {
  const files = ['sweep-b.json', 'sweep-a.json'].map((f) => ({ label: f,
    file: readResults(path(f)) }));
  const slower = compare(files, { failOnRegression: 5 });
  expect(slower.regressions).toHaveLength(1);
  expect(slower.regressions[0]).toMatch(/^Pool\/impl=piscina\/workers=2 /);
  expect(compare(files, { failOnRegression: 20 }).regressions).toEqual([]);
  expect(compare(files.reverse(), { failOnRegression: 5 }).regressions)
    .toEqual([]);
});

// benchstat prints `?` and a footnote where a ratio has no meaning; we
// must never print NaN% or +Infinity%.
test('zero medians: `?` with a footnote, never NaN% or Infinity%', () => {
  const bench = (name: string, samples: number[]) =>
    ({ name, unit: 'ns/op', samples });
  const zeros = [0, 0, 0, 0, 0, 0];
  const a = { config: {}, benchmarks: [bench('S/x', zeros),
    bench('S/y', [5, 5, 5, 5, 5, 5])] };
  const b = { config: {}, benchmarks: [bench('S/x', [7, 8, 7, 8, 7, 8]),
    bench('S/y', [5, 6, 5, 6, 5, 6])] };
  const { text } = compare([{ label: 'a', file: a }, { label: 'b', file: b }]);
  expect(text).not.toMatch(/NaN|Infinity/);
  expect(text).toMatch(/S\/x .*\? ¹/);
  expect(text).toMatch(/geomean +\? ²/);
  expect(text).toContain('¹ the base median is 0: no relative change');
  expect(text).toContain('² summaries must be >0 to compute geomean');
});
