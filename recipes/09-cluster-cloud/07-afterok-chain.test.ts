import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './07-afterok-chain.ts';

const result = oneRun(main, 60_000);

test('a failed parent cancels its afterok children, and theirs', () => {
  expect(result().states['A']).toBe('FAILED');
  expect(result().exitCodes['A']).toBe('2:0');
  expect(result().states['B']).toBe('CANCELLED');
  expect(result().states['D']).toBe('CANCELLED');
});

test('an afterany child runs whatever way its parent ended', () => {
  expect(result().states['C']).toBe('COMPLETED');
  expect(result().exitCodes['C']).toBe('0:0');
});
