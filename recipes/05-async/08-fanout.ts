/**
 * Fan-out: one source broadcasting to many coroutine pipelines
 *
 * @book    DC ch. 2 "Asynchronous Programming" › Coroutines (mgrep.py)
 * @python  mgrep.py
 * @covers  A8
 * @run     npm run recipe -- async/fanout
 * @see     async/grep-pipeline
 *
 * The book adds one coroutine to grep.py: `fanout` receives each line
 * and sends it on to a list of children, one grep → count chain per
 * pattern, so the text is read once for all patterns ("hate 103 / love
 * 677 / hope 158" on *War and Peace*, in 0.166 s). We reuse the stages
 * of async/grep-pipeline and its generated text, which holds the book's
 * three counts. Closing the fan-out closes every chain, in order, and
 * each `count` reports as it closes.
 */
import { isEntry } from '@cookbook/shared';
import {
  cat,
  count,
  grep,
  prime,
  type Sink,
} from './07-grep-pipeline.ts';
import { makeText } from './07-grep-pipeline.text.ts';

// The book's patterns, in the order it prints them.
export const PATTERNS = ['hate', 'love', 'hope'];

// Each value goes to every child; closing the fan-out closes them all.
function fanout<T>(children: Sink<T>[]): Sink<T> {
  return prime((function* (): Sink<T> {
    try {
      while (true) {
        const value = yield;
        for (const child of children) child.next(value);
      }
    } finally {
      for (const child of children) child.return();
    }
  })());
}

// What the test checks: one total per pattern, in the order the chains
// closed, which is the order the fan-out was given its children.
export interface Result {
  /** [pattern, total] in the order the counts reported. */
  totals: [string, number][];
}

// The text is generated, not downloaded: the project never reaches the
// network, and the generator plants the book's exact counts.
export async function main(): Promise<Result> {
  const lines = makeText();
  console.log(`text: ${lines.length} lines (generated), read once`);

  // The book's `mgrep.py -i hate love hope pg2600.txt`.
  // Each count reports when the fan-out closes it.
  // Where Python's `count` prints in its `finally`, ours calls `report`, so
  // the recipe can both print the line and hand the numbers to the test.
  const totals: [string, number][] = [];
  const report = (word: string, n: number): void => {
    console.log(`${word} ${n}`);
    totals.push([word, n]);
  };
  // One source, one fan-out, one grep → count chain per pattern.
  const start = performance.now();
  cat(lines, true, fanout(PATTERNS.map((p) =>
    grep(p, true, count(p, report)))));
  // The whole chain is synchronous generators: no await, no event loop
  // turn, so the timing covers only the pushing of lines through the tree.
  const ms = performance.now() - start;
  console.log(`time: ${ms.toFixed(1)} ms (book, DC: 0.166 s)`);
  return { totals };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// text: 65000 lines (generated), read once
// hate 103
// love 677
// hope 158
// time: {*} ms (book, DC: 0.166 s)
