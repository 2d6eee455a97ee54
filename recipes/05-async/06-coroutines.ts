/**
 * Iterators, generators and coroutines: pull, then push
 *
 * @book    DC ch. 2 "Asynchronous Programming" › Coroutines
 * @python  iterators.py, generators.py, coroutines.py
 * @covers  A6
 * @run     npm run recipe -- async/coroutines
 * @see     async/grep-pipeline
 *
 * The book builds up to coroutines in three steps. An iterator is an
 * object with `__next__` that raises StopIteration at the end; a
 * generator writes the same with `yield`; a coroutine is a generator
 * we *send* values into, primed with one `next()`, and `close()`d,
 * which raises GeneratorExit inside it. JavaScript has all three:
 * `[Symbol.iterator]` and `next()` returning `{ value, done }`,
 * `function*`, and `gen.next(value)` for `send`. `gen.return()` is
 * `close()`: there is no exception to catch, but `finally` runs.
 */
import { isEntry } from '@cookbook/shared';

// ── 1. An iterator by hand: the book's MyIterator ─────────────────
// `#xs` is truly private (Python's is only by convention); we copy the
// list so that iterating never empties the caller's array.
class MyIterator implements Iterator<number>, Iterable<number> {
  #xs: number[];
  constructor(xs: number[]) { this.#xs = [...xs]; }
  // Python's __iter__ returning self: `for…of` and spread call this.
  [Symbol.iterator](): this { return this; }
  // Python raises StopIteration; JavaScript answers `done: true`.
  next(): IteratorResult<number> {
    const x = this.#xs.shift();
    return x === undefined ? { done: true, value: undefined }
      : { done: false, value: x };
  }
}

// ── 2. The same with a generator: mygenerator(n) yields n-1 … 0 ──
// The generator keeps `n` alive between calls: its frame is suspended
// at each `yield`, which is all the hand-written class did by hand.
function* mygenerator(n: number): Generator<number> {
  while (n > 0) {
    n -= 1;
    yield n;
  }
}

// ── 3. A push coroutine: complain_about(substring) ───────────────
// Each `yield` hands control back and receives the next text sent in.
// `finally` is where the book catches GeneratorExit.
function* complainAbout(substring: string, log: (s: string) => void,
): Generator<void, void, string> {
  log('Please talk to me!');
  try {
    while (true) {
      const text = yield;
      if (text.includes(substring)) {
        log(`Oh no: I found a ${substring} again!`);
      }
    }
  } finally {
    log('Ok, ok: I am quitting.');
  }
}

// The book's @coroutine decorator: start the generator and run it to
// its first `yield`, so that the first send() is not lost.
function coroutine<A extends unknown[], T, S>(
  fn: (...args: A) => Generator<T, void, S>,
): (...args: A) => Generator<T, void, S> {
  return (...args) => {
    const gen = fn(...args);
    gen.next(undefined as S); // the value of a priming next() is dropped
    return gen;
  };
}

// What each of the three steps produced, for the test to compare.
export interface Result {
  iterated: number[];
  generated: number[];
  said: string[];
  /** What send() after close() gives: Python raises StopIteration. */
  afterClose: IteratorResult<void, void>;
}

export async function main(): Promise<Result> {
  // Spreading (`[...x]`) drives any iterable to its end, like `list(x)`.
  const iterated = [...new MyIterator([0, 1, 2])];
  console.log(`MyIterator([0, 1, 2]): ${iterated.join(' ')}`);
  // A generator is its own iterator, so the same spread drives it.
  const generated = [...mygenerator(3)];
  console.log(`mygenerator(3): ${generated.join(' ')}`);

  // The book's four texts, two mention Ruby; we keep what it says.
  const said: string[] = [];
  const log = (s: string): void => {
    console.log(s);
    said.push(s);
  };
  // `next(value)` is `send(value)`; the primed coroutine takes each.
  const c = coroutine(complainAbout)('Ruby', log);
  c.next('Test data');
  c.next('Some more random text');
  c.next('Test data with Ruby somewhere in it');
  c.next('Stop complaining about Ruby or else!');
  // `return()` runs the finally block; sending afterwards gets
  // `done: true` where Python raises StopIteration.
  c.return(); // the book's c.close()
  const afterClose = c.next('anyone there?');
  console.log(`send after close: done = ${afterClose.done}`);
  return { iterated, generated, said, afterClose };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// MyIterator([0, 1, 2]): 0 1 2
// mygenerator(3): 2 1 0
// Please talk to me!
// Oh no: I found a Ruby again!
// Oh no: I found a Ruby again!
// Ok, ok: I am quitting.
// send after close: done = true
