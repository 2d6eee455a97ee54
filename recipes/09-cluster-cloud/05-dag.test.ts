import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './05-dag.ts';

const result = oneRun(main, 60_000);

test('all four jobs completed and printed their names', () => {
  for (const name of ['A', 'B', 'C', 'D']) {
    expect(result().states[name]).toBe('COMPLETED');
    expect(result().outputs[name]).toBe(`I am job ${name}`);
  }
});

test('D started only after B and C ended; B and C only after A', () => {
  const at = (line: string) => result().log.indexOf(line);
  expect(result().log).toHaveLength(8);
  expect(at('start A')).toBe(0);
  expect(at('end A')).toBe(1);
  expect(at('start D')).toBeGreaterThan(at('end B'));
  expect(at('start D')).toBeGreaterThan(at('end C'));
  expect(at('end D')).toBe(7);
});
