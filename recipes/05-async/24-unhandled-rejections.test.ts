import { expect, test } from 'vitest';
import { main } from './24-unhandled-rejections.ts';

test('the default kills the program; warn hides the error; a handler '
  + 'or an await makes it ours', async () => {
  const cases = await main();
  expect(cases.map(({ code, survived }) => [code, survived])).toEqual([
    [1, false], // default: dies before "still running"
    [0, true], // warn: survives and exits 0 despite the lost error
    [1, true], // our handler: survives, but the exit code says it
    [0, true], // awaited: the error is caught where it belongs
  ]);
  expect(cases[0]!.said).toBe('Error: lost');
  expect(cases[2]!.said).toBe('unhandled rejection: item 2 failed');
  expect(cases[3]!.said).toBe('caught: item 2 failed');
});
