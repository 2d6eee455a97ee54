import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './09-srun-ranks.ts';

const result = oneRun(main, 120_000);

test('srun started 4 ranks of the messaging chapter\'s hello world', () => {
  expect(result().hello).toEqual([0, 1, 2, 3].map(
    (r) => `hello world from process ${r}`));
});

test('the srun ranks found each other: allreduce and a ring', () => {
  expect(result().talk).toHaveLength(4);
  result().talk.forEach((line, rank) => {
    const prev = (rank + 3) % 4;
    expect(line).toMatch(new RegExp(`^rank ${rank} of 4 on .+: ` +
      `allreduce = 10, got ${prev} from rank ${prev}$`));
  });
});
