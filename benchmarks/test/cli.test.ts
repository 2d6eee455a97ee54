/**
 * The three commands as a reader runs them (subprocesses through tsx):
 * exit codes, one-line errors, files written and readable.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { readResults } from '../src/format.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const tmp = mkdtempSync(join(tmpdir(), 'bench-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(script: string, args: string[]):
  Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      TSX, [join(ROOT, 'scripts', script), ...args],
      { cwd: ROOT, timeout: 50_000, env: { ...process.env, CI: '1' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('bench --smoke writes the Go format and JSON, prints tables',
  { timeout: 60_000 }, async () => {
    const json = join(tmp, 'a.json');
    const r = await run('bench.ts', ['benchmarks/testdata/fixture.bench.ts',
      '--smoke', '--label', 'smoke', '--out', tmp, '--json', json]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| Variant +\| Median ± 95% CI/m);
    expect(r.stdout).toMatch(/^\| impl=insertion +\| .*s\/op ± ∞/m);
    expect(r.stdout).toMatch(/skipped: peers disabled/);
    const txt = readResults(join(tmp, 'smoke.txt'));
    expect(txt.config).toMatchObject({ runtime: 'node',
      recipe: 'benchmarks/testdata/fixture.bench.ts' });
    expect(Object.keys(txt.config)).toEqual(expect.arrayContaining([
      'node', 'v8', 'os', 'arch', 'cpu', 'cores', 'available-parallelism',
      'commit', 'date']));
    expect(readResults(json)).toEqual(txt);

    const cmp = await run('compare.ts', [json, join(tmp, 'smoke.txt')]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toMatch(/Sort\/impl=builtin +\S+ ± ∞ ¹/);

    const plot = await run('plot.ts', [json]);
    expect(plot.code).toBe(0);
    expect(readFileSync(join(tmp, 'a.svg'), 'utf8')).toMatch(/^<svg /);
  });

test('a wrong answer exits 1 with one line', { timeout: 30_000 },
  async () => {
    const r = await run('bench.ts', ['benchmarks/testdata/wrong.bench.ts',
      '--out', tmp]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'bench: Wrong/impl=wrong: wrong answer 41, baseline impl=right ' +
        'gave 42\n');
  });

test('unknown targets and bad flags exit 2', { timeout: 30_000 },
  async () => {
    const unknown = await run('bench.ts', ['no-such-recipe-xyz']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^bench: unknown target 'no-such-recipe-xyz'; did you mean .*\?\n$/);
    const flag = await run('bench.ts', ['all', '--runs', 'ten']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--runs needs a whole number[\s\S]*usage:/);
    const cmp = await run('compare.ts', ['--bogus', 'x.json']);
    expect(cmp.code).toBe(2);
  });

test('compare prints the golden table and fails on regressions',
  { timeout: 30_000 }, async () => {
    const data = (f: string): string => join(ROOT, 'benchmarks/testdata', f);
    const r = await run('compare.ts', [`old.txt=${data('encode-old.txt')}`,
      `new.txt=${data('encode-new.txt')}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(data('encode.golden'), 'utf8'));
    const slow = await run('compare.ts', [data('sweep-b.json'),
      data('sweep-a.json'), '--fail-on-regression', '5']);
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(/^regressions:\n {2}Pool\/impl=piscina/);
  });

test('compare: a file that is not a bench result is one line, exit 1',
  { timeout: 30_000 }, async () => {
    const notes = join(tmp, 'notes.txt');
    const other = join(tmp, 'other.json');
    writeFileSync(notes, 'just some notes\n');
    writeFileSync(other, '{"name": "a package.json, say"}\n');
    for (const file of [notes, other, join(tmp, 'missing.json')]) {
      const r = await run('compare.ts', [file, file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^bench:compare: .+: /);
    }
    const r = await run('compare.ts', [notes, notes]);
    expect(r.stderr).toContain('not a benchmark result');
  });
