import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { main, type Result } from './08-failed-jobs.ts';

let cluster: SlurmCluster;
let result: Result;
beforeAll(async () => {
  cluster = await startSlurm();
  result = await main(cluster);
}, 90_000);
afterAll(() => cluster?.close());

test('both failures are FAILED; only the exception left a stderr', () => {
  expect(result.thrown).toEqual({ state: 'FAILED', exitCode: '1:0',
    stderr: 'Error: job thrower failed on purpose' });
  expect(result.exited).toEqual({ state: 'FAILED', exitCode: '2:0',
    stderr: '' });
});

test('sacct needs accounting; requeue runs again; scancel stops', () => {
  expect(result.sacct).toMatch(/accounting storage is disabled/);
  expect(result.requeued).toEqual({ state: 'FAILED', restarts: 1 });
  expect(result.cancelled).toEqual({ state: 'CANCELLED', exitCode: '0:15' });
});
