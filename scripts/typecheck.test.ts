/** `tsc --noEmit` over the whole repository, as part of npm test. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const exec = promisify(execFile);

test('the project type-checks (strict)', async () => {
  const tsc = new URL('../node_modules/.bin/tsc', import.meta.url).pathname;
  const root = new URL('..', import.meta.url).pathname;
  const result = await exec(tsc, ['-p', 'tsconfig.json'], { cwd: root })
    .then(() => '', (e: { stdout: string }) => e.stdout);
  expect(result).toBe('');
}, 120_000);
