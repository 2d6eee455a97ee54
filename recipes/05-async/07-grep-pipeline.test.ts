import { expect, test } from 'vitest';
import { cat, count, grep, main } from './07-grep-pipeline.ts';
import { makeText } from './07-grep-pipeline.text.ts';

test('the pipeline and a plain loop both find love 677 times', async () => {
  const { pipeline, plainLoop } = await main();
  expect(pipeline).toBe(677);
  expect(plainLoop).toBe(677);
});

test('without -i only the lower-case third is found; close reaches '
  + 'the sink', () => {
  const lines = makeText();
  const totals: [string, number][] = [];
  // love, Love, LOVE take turns, so 226 of the 677 are lower case.
  cat(lines, false, grep('love', false,
    count('love', (w, n) => totals.push([w, n]))));
  expect(totals).toEqual([['love', 226]]);
});
