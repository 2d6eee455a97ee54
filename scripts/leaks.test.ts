/**
 * The leak check itself: a process that carries the run's marker is
 * found until it is gone. (The real check runs after the whole suite, in
 * scripts/lib/leak-check.setup.ts.)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { findMarked, MARKER_VAR, waitForNone } from './lib/leaks.ts';

test('a marked child is found while alive, and not after it ends', async () => {
  const marker = randomUUID();
  const child = spawn('sleep', ['30'], {
    env: { ...process.env, [MARKER_VAR]: marker },
    stdio: 'ignore',
  });
  try {
    await expect.poll(() => findMarked(marker, new Set()).map((l) => l.pid))
      .toEqual([child.pid]);
    expect(findMarked(marker, new Set([child.pid!]))).toEqual([]);
  } finally {
    child.kill('SIGKILL');
  }
  expect(await waitForNone(marker, new Set(), 5_000)).toEqual([]);
});
