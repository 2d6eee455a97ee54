import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { main, type Result } from './07-afterok-chain.ts';

let cluster: SlurmCluster;
let result: Result;
beforeAll(async () => {
  cluster = await startSlurm();
  result = await main(cluster);
}, 60_000);
afterAll(() => cluster?.close());

test('a failed parent cancels its afterok children, and theirs', () => {
  expect(result.states['A']).toBe('FAILED');
  expect(result.exitCodes['A']).toBe('2:0');
  expect(result.states['B']).toBe('CANCELLED');
  expect(result.states['D']).toBe('CANCELLED');
});

test('an afterany child runs whatever way its parent ended', () => {
  expect(result.states['C']).toBe('COMPLETED');
  expect(result.exitCodes['C']).toBe('0:0');
});
