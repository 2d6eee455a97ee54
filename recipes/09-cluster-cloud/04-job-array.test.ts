import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './04-job-array.ts';

// Fewer tasks than the book's 100 keep the test short; the output test
// runs the recipe itself with all 100.
const TASKS = 16;
const result = oneRun((cluster) => main(cluster, TASKS), 120_000);

test('every task ran once, completed, and knew its own index', () => {
  expect(result().states).toEqual(Array(TASKS).fill('COMPLETED'));
  expect(result().exitCodes).toEqual(Array(TASKS).fill('0:0'));
  result().reports.forEach((report, i) => {
    expect(report).toContain(
      `I am process ${i} of cluster ${result().arrayId}\n`);
  });
});

test('every task saw the environment the submission exported', () => {
  for (const report of result().reports) {
    expect(report).toMatch(/MYVAR1 = foo\nMYVAR2 = bar\n$/);
  }
});

test('a task without MYVAR2 fails with exit code 1 and says why', () => {
  expect(result().failed).toEqual({ state: 'FAILED', exitCode: '1:0',
    stderr: 'MYVAR2 is not set' });
});
