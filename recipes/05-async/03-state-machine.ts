/**
 * Handling coroutines: a finite-state machine with a random transition log
 *
 * @book    2e ch. 5 "Asynchronous Programming" › Handling coroutines with
 *          asyncio
 * @book    1e ch. 4 "Asynchronous Programming" › Handling coroutines with
 *          Asyncio
 * @python  Chapter05/asyncio_coroutine.py
 * @covers  A3
 * @run     npm run recipe -- async/state-machine
 * @see     async/tasks
 *
 * Each state is a coroutine that draws `randint(0, 1)` and, by the
 * value, `yield from`s the next state; the returned strings build the
 * transition log. The book's file no longer runs: `@asyncio.coroutine`
 * was removed in Python 3.11. Its JavaScript counterpart is an `async`
 * function, and `yield from state2(v)` is `await state2(v)`. The book
 * also blocks the whole loop with `time.sleep(1)` in every state; we
 * `await` a short timer instead, which lets other work run meanwhile.
 * The draws come from a seeded generator, so the log is the same on
 * every run and the test can replay it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry, randomInts } from '@cookbook/shared';

// The seed fixes the walk; each state "works" STEP_MS (the book: 1 s).
const SEED = 7;
const STEP_MS = 20;

// The book's `randint(0, 1)`, as a repeatable stream of bits.
export function drawBits(seed: number): () => number {
  // A thousand bits is far more than any walk draws; a walk that ran out
  // would read undefined and end in a TypeError, not a silent wrong walk.
  const bits = randomInts(1_000, 1, seed);
  let next = 0;
  return () => bits[next++]!;
}

// Where each state goes on a 0 and on a 1 (the book's if/else).
export const NEXT: Record<string, [string, string]> = {
  'Start State': ['State 2', 'State 1'],
  'State 1': ['State 3', 'State 2'],
  'State 2': ['State 1', 'State 3'],
  'State 3': ['State 1', 'End State'],
};

// The bits drawn, in order, and the transition log the book prints.
export interface Result {
  draws: number[];
  log: string[];
}

// One coroutine for every state: the book writes four near-copies.
// It returns its own line plus whatever the state it calls returns.
async function state(name: string, transitionValue: number,
  draw: () => number, draws: number[]): Promise<string[]> {
  const line = `${name} with transition value = ${transitionValue}`;
  // The end state draws nothing and ends the chain of awaits.
  if (name === 'End State') {
    console.log('...stop computation...');
    return [line];
  }
  // Draw the transition, "work", then await the state it leads to: the
  // book's `result = yield from state2(input_value)`.
  const input = draw();
  draws.push(input);
  await sleep(STEP_MS); // the book's blocking time.sleep(1)
  console.log('...evaluating...');
  const next = NEXT[name]![input]!;
  const rest = await state(next, input, draw, draws);
  // Our line, then "X calling <next state's line>", then the rest.
  return [line, `${name} calling ${rest[0]!}`, ...rest.slice(1)];
}

export async function main(): Promise<Result> {
  console.log('Finite State Machine simulation with Asyncio Coroutine');
  // One stream of bits for the whole walk; `draws` records each one.
  const draw = drawBits(SEED);
  const draws: number[] = [];

  // The start state draws first, then awaits the chain it starts.
  console.log('Start State called');
  const input = draw();
  draws.push(input);
  await sleep(STEP_MS);
  const chain = await state(NEXT['Start State']![input]!, input, draw,
    draws);

  // The book prints "Start State calling " + the returned log.
  const log = [`Start State calling ${chain[0]!}`, ...chain.slice(1)];
  console.log('Resume of the Transition :');
  for (const line of log) console.log(line);
  return { draws, log };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// Finite State Machine simulation with Asyncio Coroutine
// Start State called
// ...evaluating...
// ...evaluating...
// ...evaluating...
// ...evaluating...
// ...evaluating...
// ...evaluating...
// ...evaluating...
// ...stop computation...
// Resume of the Transition :
// Start State calling State 1 with transition value = 1
// State 1 calling State 3 with transition value = 0
// State 3 calling State 1 with transition value = 0
// State 1 calling State 2 with transition value = 1
// State 2 calling State 3 with transition value = 1
// State 3 calling State 1 with transition value = 0
// State 1 calling State 3 with transition value = 0
// State 3 calling End State with transition value = 1
