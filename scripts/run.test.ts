/** The runner's command line, as a new user meets it. */
import { describe, expect, test } from 'vitest';
import { $ } from 'zx';
import { launch, REPORTED } from './lib/launch.ts';
import {
  closest,
  loadRecipes,
  parseHeader,
  resolveRecipe,
  type Recipe,
} from './lib/recipes.ts';

const RUN = new URL('./run.ts', import.meta.url).pathname;
const TSX = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;

// zx quotes each argument itself; `nothrow` because a non-zero exit is
// what several tests expect.
async function runner(...args: string[]) {
  const quietly = $({ nothrow: true, quiet: true, timeout: '25s' });
  const out = await quietly`${TSX} ${RUN} ${args}`;
  return { code: out.exitCode, stdout: out.stdout, stderr: out.stderr };
}

describe('resolving ids', () => {
  const recipes = loadRecipes();
  test('id, unique suffix and path all find the recipe', () => {
    for (const q of ['threads/lock', 'lock',
      'recipes/01-threads/07-lock.ts']) {
      const r = resolveRecipe(q, recipes);
      expect(r.kind === 'found' && r.recipe.id).toBe('threads/lock');
    }
  });
  test('a typo suggests the closest ids first', () => {
    expect(closest('thread/lok', recipes.map((r) => r.id))[0])
      .toBe('threads/lock');
  });
});

describe('npm run recipe', () => {
  test('runs a recipe and passes its exit code', async () => {
    const { code, stdout } = await runner('threads/lock');
    expect(code).toBe(0);
    expect(stdout).toContain('counter = 0');
  });

  test('unknown id: exit 2, one line with suggestions', async () => {
    const { code, stderr, stdout } = await runner('thread/lok');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^unknown recipe 'thread\/lok'; did you mean: threads\/lock, .+\?$/m);
  });

  test('bad flag: usage and exit 2, no stack trace', async () => {
    const { code, stderr } = await runner('--bogus');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run recipe');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('unknown chapter: exit 2 and the list of chapters', async () => {
    const { code, stderr } = await runner('--chapter', 'thread');
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^unknown chapter 'thread'; chapters: .*threads/);
  });

  test('--list --json is the catalogue as JSON', async () => {
    const { code, stdout } = await runner('--list', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; covers: string[] }[];
    const lock = rows.find((r) => r.id === 'threads/lock');
    expect(lock?.covers).toEqual(['T5']);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['book', 'chapter', 'covers', 'file', 'id', 'needs', 'title']);
  });

  test('a recipe past its timeout is killed and reported', async () => {
    const { code, stderr } = await runner('threads/thread-subclass',
      '--timeout', '300');
    expect(code).toBe(124);
    expect(stderr).toContain('killed after 300 ms (timeout)');
  });
});

describe('a recipe that fails', () => {
  test('a crashed worker is one line naming the recipe, no stack trace',
    async () => {
      const file = new URL('./testdata/crash.ts', import.meta.url).pathname;
      const recipe: Recipe = {
        id: 'testdata/crash', chapter: 'testdata', chapterDir: 'testdata',
        name: 'crash', file: 'scripts/testdata/crash.ts', absFile: file,
        header: parseHeader(''), output: undefined, source: '',
      };
      const out = await launch(recipe, { timeoutMs: 20_000, stdio: 'pipe' });
      expect(out.code).toBe(REPORTED);
      expect(out.stderr.trim()).toBe('testdata/crash: Error: boom in the worker');
    });
});
