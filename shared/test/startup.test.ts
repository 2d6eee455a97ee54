/**
 * TypeScript start-up through cached bundles (shared/src/bundle.mjs):
 * errors still point at `.ts` lines, an edited file is rebuilt, and
 * builders racing for the same entry leave one whole bundle.
 */
import { execFile } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleSync } from '../src/bundle.mjs';
import {
  exited,
  forkTs,
  join,
  nextMessage,
  pool,
  spawnWorker,
} from '../src/index.ts';
import { FAIL_LINE } from './throw-worker.ts';

const run = promisify(execFile);
const THROWER = new URL('./throw-worker.ts', import.meta.url);
const AT_LINE = `throw-worker.ts:${FAIL_LINE}:`;

describe('a failing .ts module names its own line', () => {
  test('in a worker', async () => {
    const error = await join(spawnWorker(THROWER)).catch((e: Error) => e);
    expect(String(error)).toContain('failed on purpose: worker');
    expect((error as Error).stack).toContain(AT_LINE);
  });

  test('in a pool task', async () => {
    const tasks = pool(THROWER, { maxThreads: 1 });
    try {
      const error = await tasks.run('task').catch((e: Error) => e);
      expect(String(error)).toContain('failed on purpose: task');
      expect((error as Error).stack).toContain(AT_LINE);
    } finally {
      await tasks.destroy();
    }
  });

  test('in a forked child', async () => {
    const child = forkTs(THROWER, ['child'], { stdio: 'pipe' });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    expect((await exited(child)).code).toBe(1);
    expect(stderr).toContain('failed on purpose: child');
    expect(stderr).toContain(AT_LINE);
  });
});

describe('with bundling off, the old way still works', () => {
  test('worker and child run under tsx\'s loader', async () => {
    process.env['COOKBOOK_TS_BUNDLE'] = '0';
    try {
      const worker = spawnWorker(new URL('./echo-worker.ts', import.meta.url),
        { n: 4 });
      expect(await nextMessage(worker)).toBe(8);
      const child = forkTs(new URL('./child.ts', import.meta.url), ['5'],
        { stdio: 'ignore' });
      expect(await exited(child)).toEqual({ code: 5, signal: null });
      const error = await join(spawnWorker(THROWER)).catch((e: Error) => e);
      expect((error as Error).stack).toContain(AT_LINE);
    } finally {
      delete process.env['COOKBOOK_TS_BUNDLE'];
    }
  });
});

// Each test below uses a fresh cache folder and a fresh entry file.
describe('the bundle cache', () => {
  let dir = '';
  const saved = process.env['COOKBOOK_TS_CACHE'];
  beforeAll(() => {
    dir = mkdtempSync(joinPath(tmpdir(), 'cookbook-ts-test-'));
    process.env['COOKBOOK_TS_CACHE'] = joinPath(dir, 'cache');
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['COOKBOOK_TS_CACHE'];
    else process.env['COOKBOOK_TS_CACHE'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  // A worker entry that imports a second file, whose value it posts.
  function writeEntry(name: string, value: string): URL {
    const entry = joinPath(dir, `${name}.ts`);
    writeFileSync(joinPath(dir, `${name}-value.ts`),
      `export const value: string = ${JSON.stringify(value)};\n`);
    writeFileSync(entry, [
      "import { parentPort } from 'node:worker_threads';",
      `import { value } from './${name}-value.ts';`,
      'parentPort?.postMessage(value);', ''].join('\n'));
    return pathToFileURL(entry);
  }

  async function reply(entry: URL): Promise<string> {
    const worker = spawnWorker(entry);
    const value = await nextMessage<string>(worker);
    await join(worker);
    return value;
  }

  test('an edited import is rebuilt, an unchanged one is not', async () => {
    const entry = writeEntry('edited', 'before');
    expect(await reply(entry)).toBe('before');
    const first = bundleSync(entry);
    expect(bundleSync(entry)).toBe(first); // a hit: same file
    writeFileSync(joinPath(dir, 'edited-value.ts'),
      "export const value: string = 'after!';\n");
    expect(await reply(entry)).toBe('after!');
    expect(bundleSync(entry)).not.toBe(first);
  });

  test('builders racing on a cold cache leave one whole bundle',
    async () => {
      const entry = writeEntry('raced', 'raced');
      const builder = fileURLToPath(
        new URL('../src/bundle.mjs', import.meta.url));
      const cache = process.env['COOKBOOK_TS_CACHE']!;
      await Promise.all(Array.from({ length: 4 }, () => run(
        process.execPath, [builder, fileURLToPath(entry), cache])));
      const names = readdirSync(cache);
      expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const bundle = bundleSync(entry)!;
      expect(readFileSync(new URL(bundle), 'utf8')).toContain('"raced"');
      expect(await reply(entry)).toBe('raced');
    });
});
