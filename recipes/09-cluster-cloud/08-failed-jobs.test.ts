import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './08-failed-jobs.ts';

const result = oneRun(main, 90_000);

test('both failures are FAILED; only the exception left a stderr', () => {
  expect(result().thrown).toEqual({ state: 'FAILED', exitCode: '1:0',
    stderr: 'Error: job thrower failed on purpose' });
  expect(result().exited).toEqual({ state: 'FAILED', exitCode: '2:0',
    stderr: '' });
});

test('sacct needs accounting; requeue runs again; scancel stops', () => {
  expect(result().sacct).toMatch(/accounting storage is disabled/);
  expect(result().requeued).toEqual({ state: 'FAILED', restarts: 1 });
  expect(result().cancelled).toEqual({ state: 'CANCELLED', exitCode: '0:15' });
});
