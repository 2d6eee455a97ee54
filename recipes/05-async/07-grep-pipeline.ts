/**
 * A coroutine pipeline: cat → grep → count
 *
 * @book    DC ch. 2 "Asynchronous Programming" › Coroutines (grep.py)
 * @python  grep.py
 * @covers  A7
 * @run     npm run recipe -- async/grep-pipeline
 * @see     async/coroutines, async/fanout
 *
 * The book's `cat` reads *War and Peace* line by line and `send`s each
 * line to a `grep` coroutine, which sends the number of matches on to
 * `count`; `count` prints the total when it is closed: "love 677". We
 * cannot download the book, so we generate a text of the same length
 * (65,000 lines) holding "love" exactly 677 times in mixed case. Each
 * stage is a JavaScript generator we push into with `next(value)`.
 * Fixed on the way: the book never closes `grep`'s child (Python's
 * garbage collector happens to), so we close the chain explicitly:
 * each stage's `finally` closes the next. A plain loop gives the same
 * count; the pipeline's gain is structure, not speed. The text comes
 * from 07-grep-pipeline.text.ts.
 */
import { isEntry } from '@cookbook/shared';
import { makeText } from './07-grep-pipeline.text.ts';

// A sink is a primed generator we push values into.
export type Sink<T> = Generator<void, void, T>;

// Primes a generator (the book's @coroutine decorator).
export function prime<T>(gen: Sink<T>): Sink<T> {
  // Runs the body to its first `yield`; the value of this next() is lost.
  gen.next(undefined as T);
  return gen;
}

// The source: push every line, lower-cased for -i, then close.
export function cat(lines: Iterable<string>, caseInsensitive: boolean,
  child: Sink<string>): void {
  // Each line goes down the chain at once: grep, then count, run
  // inside this call to next(), before cat reads the next line.
  for (const line of lines) {
    child.next(caseInsensitive ? line.toLowerCase() : line);
  }
  // Closing the head closes the chain, stage by stage, via each finally.
  child.return();
}

// Python's str.count: non-overlapping occurrences of the substring.
export function grep(substring: string, caseInsensitive: boolean,
  child: Sink<number>): Sink<string> {
  // grep -i: the lines come lower-cased from cat, so the needle is too.
  const needle = caseInsensitive ? substring.toLowerCase() : substring;
  return prime((function* (): Sink<string> {
    // Each line received (`yield`) sends its count of matches on.
    try {
      while (true) child.next((yield).split(needle).length - 1);
    } finally {
      child.return(); // the close the book leaves to the GC
    }
  })());
}

// The sink: add up the counts; report the total when closed.
export function count(substring: string,
  report: (substring: string, n: number) => void): Sink<number> {
  return prime((function* (): Sink<number> {
    // The running total, kept across every value pushed in.
    let n = 0;
    try {
      while (true) n += yield;
    } finally {
      report(substring, n);
    }
  })());
}

// The total the pipeline reported, and the plain loop's.
export interface Result {
  pipeline: number;
  plainLoop: number;
}

export async function main(): Promise<Result> {
  // The text, generated (see the header).
  const lines = makeText();
  console.log(`text: ${lines.length} lines (generated)`);

  // The book's `grep.py -i love pg2600.txt`: we build the chain from
  // its end (count), since each stage needs its child first.
  // -1 until count reports: a chain never closed would leave it there.
  let pipeline = -1;
  let start = performance.now();
  cat(lines, true, grep('love', true, count('love', (word, n) => {
    pipeline = n;
    console.log(`${word} ${n}`);
  })));
  const pipeMs = performance.now() - start;

  // The same count with a plain loop.
  start = performance.now();
  let plainLoop = 0;
  for (const line of lines) {
    plainLoop += line.toLowerCase().split('love').length - 1;
  }
  const loopMs = performance.now() - start;

  // Both counts, both times (one run, for a feel: no benchmark), and
  // the book's published times beside them.
  console.log(`plain loop: love ${plainLoop}`);
  console.log(`time: pipeline ${pipeMs.toFixed(1)} ms, ` +
    `plain loop ${loopMs.toFixed(1)} ms`);
  console.log('book (DC, War and Peace): 0.097 s; ' +
    'grep -io love | wc -l: 0.116 s');
  return { pipeline, plainLoop };
}

// Run as a script (not imported by the test): count "love".
if (isEntry(import.meta.url)) await main();

// Output:
// text: 65000 lines (generated)
// love 677
// plain loop: love 677
// time: pipeline {*} ms, plain loop {*} ms
// book (DC, War and Peace): 0.097 s; grep -io love | wc -l: 0.116 s
