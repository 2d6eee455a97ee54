import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { main, type Result } from './03-single-job.ts';

let cluster: SlurmCluster;
let result: Result;
beforeAll(async () => {
  cluster = await startSlurm();
  result = await main(cluster);
}, 60_000);
afterAll(() => cluster?.close());

test('the job ran once and printed the greeting into its output file', () => {
  expect(result.stdout).toBe('Hello, Slurm!\n');
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe('0:0');
  expect(result.jobId).toMatch(/^\d+$/);
});

test('the states seen follow PENDING, RUNNING, COMPLETED in order', () => {
  const order = ['PENDING', 'RUNNING', 'COMPLETED'];
  expect(result.states.at(-1)).toBe('COMPLETED');
  const ranks = result.states.map((s) => order.indexOf(s));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});
