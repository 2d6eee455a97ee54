import { expect, test } from 'vitest';
import { main } from './08-fanout.ts';
import { cat, count, grep } from './07-grep-pipeline.ts';
import { makeText } from './07-grep-pipeline.text.ts';

test('one pass through the fan-out equals one pipeline per pattern',
  async () => {
    const { totals } = await main();
    expect(totals).toEqual([['hate', 103], ['love', 677], ['hope', 158]]);

    // The oracle: a separate pass per pattern.
    const lines = makeText();
    const separate = totals.map(([word]) => {
      let n = -1;
      cat(lines, true, grep(word, true, count(word, (_, t) => {
        n = t;
      })));
      return [word, n];
    });
    expect(separate).toEqual(totals);
  });
