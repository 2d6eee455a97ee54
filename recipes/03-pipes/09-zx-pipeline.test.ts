import { expect, test } from 'vitest';
import { main } from './09-zx-pipeline.ts';

test('seq | square | awk gives the squares and their sum; a failing stage '
  + 'rejects with its code', async () => {
  const { squares, sum, failedExitCode } = await main();
  expect(squares.split('\n').map(Number))
    .toEqual(Array.from({ length: 10 }, (_, i) => i * i));
  expect(sum).toBe('285');
  expect(failedExitCode).toBe(3);
}, 60_000);
