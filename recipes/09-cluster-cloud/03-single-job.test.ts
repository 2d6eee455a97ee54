import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './03-single-job.ts';

const result = oneRun(main, 60_000);

test('the job ran once and printed the greeting into its output file', () => {
  expect(result().stdout).toBe('Hello, Slurm!\n');
  expect(result().stderr).toBe('');
  expect(result().exitCode).toBe('0:0');
  expect(result().jobId).toMatch(/^\d+$/);
});

test('the states seen follow PENDING, RUNNING, COMPLETED in order', () => {
  // Slurm's own order; CONFIGURING and COMPLETING are brief and may be
  // seen or missed by squeue's polling.
  const order = ['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING',
    'COMPLETED'];
  expect(result().states.at(-1)).toBe('COMPLETED');
  const ranks = result().states.map((s) => order.indexOf(s));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});
