import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { main, type Result } from './05-dag.ts';

let cluster: SlurmCluster;
let result: Result;
beforeAll(async () => {
  cluster = await startSlurm();
  result = await main(cluster);
}, 60_000);
afterAll(() => cluster?.close());

test('all four jobs completed and printed their names', () => {
  for (const name of ['A', 'B', 'C', 'D']) {
    expect(result.states[name]).toBe('COMPLETED');
    expect(result.outputs[name]).toBe(`I am job ${name}`);
  }
});

test('D started only after B and C ended; B and C only after A', () => {
  const at = (line: string) => result.log.indexOf(line);
  expect(result.log).toHaveLength(8);
  expect(at('start A')).toBe(0);
  expect(at('end A')).toBe(1);
  expect(at('start D')).toBeGreaterThan(at('end B'));
  expect(at('start D')).toBeGreaterThan(at('end C'));
  expect(at('end D')).toBe(7);
});
