import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './10-pi-job-array.ts';
import { countHits } from './10-pi-job-array.task.ts';

const result = oneRun((cluster) => main(cluster, 4), 90_000);

test('the reduce job ran after the map and summed every task', () => {
  expect(result().reduceState).toBe('COMPLETED');
  expect(result().trials).toBe(4 * 1_000_000);
  expect(result().hits).toBe(result().serialHits);
});

test('the estimate is pi within what 4M darts promise', () => {
  // The standard error of 4·hits/trials is about 4·0.41/sqrt(trials).
  expect(Math.abs(result().pi - Math.PI)).toBeLessThan(0.005);
});

test('a seeded stream counts the same every time', () => {
  expect(countHits(3, 10_000)).toBe(countHits(3, 10_000));
  expect(countHits(3, 10_000)).not.toBe(countHits(4, 10_000));
});
