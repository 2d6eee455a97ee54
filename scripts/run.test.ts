/** The runner's command line, as a new user meets it. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, test } from 'vitest';
import { isAlive } from '@cookbook/shared';
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
  test('suggestions prefer a name that starts with the query', () => {
    const ids = ['threads/lock', 'threads/cost', 'threads/pool-map',
      'threads/rlock'];
    expect(closest('poo', ids)[0]).toBe('threads/pool-map');
    expect(closest('loc', ids).slice(0, 2)).toEqual(
      ['threads/lock', 'threads/rlock']);
  });
  test('the start of a name finds the one recipe it fits', () => {
    const r = resolveRecipe('scoped', recipes);
    expect(r.kind === 'found' && r.recipe.id).toBe('threads/scoped-acquire');
  });
  test('a shorthand that fits several recipes is ambiguous', () => {
    const r = resolveRecipe('pool', recipes);
    expect(r.kind).toBe('ambiguous');
    const ids = r.kind === 'ambiguous' ? r.matches.map((m) => m.id) : [];
    expect(ids).toContain('threads/pool-map');
    expect(ids.every((id) => /\/pool-/.test(id))).toBe(true);
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

  test('an ambiguous shorthand: exit 2, every match named', async () => {
    const { code, stderr } = await runner('pool');
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(
      /^ambiguous recipe 'pool': threads\/pool-map, threads\/pool-/);
  });

  test('--list --chapter lists one chapter, also as JSON', async () => {
    const { code, stdout } = await runner('--list', '--chapter', 'threads',
      '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { chapter: string }[];
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.chapter))).toEqual(new Set(['threads']));
  });

  test('--list --book follows one book, section by section', async () => {
    const { code, stdout } = await runner('--list', '--book', 'z2', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as {
      section: string; title: string; recipes: string[]; status: string;
    }[];
    const defining = rows.find((r) => r.section === 'Z2-2.3');
    expect(defining?.title).toBe('Defining a thread');
    expect(defining?.recipes).toEqual(['threads/define-a-thread']);
    expect(rows.filter((r) => r.section.startsWith('Z2-'))).toHaveLength(
      rows.length);
    const bad = await runner('--list', '--book', 'z3');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("unknown book 'z3'; books: z1, z2, dc");
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

// A signal to the runner stops the recipe's whole process group, and the
// runner exits as a process ended by that signal would (128 + number).
describe('stopping the runner', () => {
  const FIXTURES = new URL('./testdata/recipes', import.meta.url).pathname;
  const env = { ...process.env, COOKBOOK_RECIPES_DIR: FIXTURES };

  /** Starts `command`, waits for the fixture's `child <pid>` line. */
  async function startSleeper(command: string, args: string[]) {
    const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    const pid = await new Promise<number>((resolve, reject) => {
      proc.stdout.on('data', (s: string) => {
        out += s;
        const m = /child (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      proc.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    return { proc, pid, output: () => out };
  }

  /** Waits up to 4 s for `pid` to be gone (a zombie is reaped by init). */
  async function gone(pid: number): Promise<boolean> {
    for (let i = 0; i < 40 && isAlive(pid); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return !isAlive(pid);
  }

  test.each([['SIGTERM', 143], ['SIGHUP', 129]] as const)(
    '%s: exit %i, no process left', async (signal, code) => {
      const { proc, pid, output } = await startSleeper(process.execPath,
        ['--import', 'tsx', RUN, 'fixtures/sleeper']);
      const exit = once(proc, 'exit');
      proc.kill(signal);
      const [exitCode] = await exit;
      expect(exitCode).toBe(code);
      expect(output()).toContain(`fixtures/sleeper: stopped by ${signal}`);
      expect(await gone(pid)).toBe(true);
    });

  test('its parent killed (npm on kill -TERM): the recipe stops too',
    async () => {
      const { proc, pid } = await startSleeper('sh',
        ['-c', `"${process.execPath}" --import tsx "${RUN}" fixtures/sleeper`]);
      proc.kill('SIGKILL'); // the shell goes; the runner is orphaned
      expect(await gone(pid)).toBe(true);
    });
});
