/**
 * Managing the event loop: call_soon and call_later, and the loop's phases
 *
 * @book    2e ch. 5 "Asynchronous Programming" › Managing the event loop
 *          with asyncio
 * @book    1e ch. 4 "Asynchronous Programming" › Event loop management
 *          with Asyncio
 * @python  Chapter05/asyncio_event_loop.py
 * @covers  A2
 * @run     npm run recipe -- async/event-loop
 * @see     async/tasks
 *
 * The book chains three callbacks, A → B → C → A …, each scheduling the
 * next with `loop.call_later(1, …)` until a deadline, then
 * `loop.stop()`. Node has no loop object: the loop is always there and
 * ends when nothing is scheduled, so "stop" is simply not scheduling.
 * `call_later` is `setTimeout`, `call_soon` is `setImmediate`, and Node
 * adds two queues asyncio lacks: `process.nextTick` and the promise
 * microtask queue, both drained before the loop moves on. We run the
 * book's chain on a 150 ms tick (the book's 1 s, made quicker), without
 * its random blocking `time.sleep` (it would blur the deadline), and
 * then record the order in which the four queues run.
 */
import { isEntry } from '@cookbook/shared';

// One book second is one tick. The 1st edition stops at 9 ticks, right
// on the 9th call's boundary; we stop at 8.95, so the 9th call always
// ends the chain and a timer must be 140 ms late to cost a call.
const TICK_MS = 150;
const END_TICKS = 8.95;

// The names in the order they were called, and the queues in run order.
export interface Result {
  calls: string[];
  phases: string[];
}

// The book's `task_A`: say so, then schedule the next task one tick
// later unless that would pass the deadline. Not scheduling ends it.
// A timer fires a little late, never early; we aim each one at the next
// tick from the start, so the lateness does not pile up call by call.
function chain(names: string[], start: number, calls: string[],
  done: () => void, turn = 0): void {
  const name = names[turn % names.length]!;
  console.log(`${name} called`);
  calls.push(name);
  const now = performance.now();
  if (now + TICK_MS < start + END_TICKS * TICK_MS) {
    const next = start + (turn + 1) * TICK_MS;
    setTimeout(() => chain(names, start, calls, done, turn + 1),
      next - now);
  } else {
    done(); // the book's loop.stop()
  }
}

// From inside a timer callback every queue's turn is fixed: nextTick
// first, then promise jobs, then the check phase (setImmediate), and
// only then the timers phase of the next loop iteration.
function recordPhases(): Promise<string[]> {
  return new Promise((resolve) => {
    const order: string[] = [];
    setTimeout(() => {
      // Queued first, runs last: the next loop iteration's timers.
      setTimeout(() => {
        order.push('setTimeout 0 (timers phase, call_later(0))');
        resolve(order);
      }, 0);
      setImmediate(() => order.push('setImmediate (check, call_soon)'));
      void Promise.resolve().then(() =>
        order.push('promise then (microtask)'));
      queueMicrotask(() => order.push('queueMicrotask (microtask)'));
      process.nextTick(() => order.push('process.nextTick'));
      order.push('synchronous code');
    }, 0);
  });
}

export async function main(): Promise<Result> {
  // 1) The book's `loop.call_soon(task_A, end_loop, loop)` and
  // `run_forever()`: our await returns when the chain stops itself.
  const calls: string[] = [];
  const names = ['task_A', 'task_B', 'task_C'];
  await new Promise<void>((resolve) => {
    const start = performance.now();
    setImmediate(() => chain(names, start, calls, resolve));
  });

  // 2) One timer callback queues a job on every queue at once; the
  // order they run in is the loop's phase order, fixed by Node.
  // Try it: move recordPhases' body out of its setTimeout. At the top
  // of a module, setTimeout 0 and setImmediate may swap from run to run.
  const phases = await recordPhases();
  console.log('queued in one timer callback, they run in this order:');
  phases.forEach((p, i) => console.log(`${i + 1}. ${p}`));
  return { calls, phases };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// task_A called
// task_B called
// task_C called
// task_A called
// task_B called
// task_C called
// task_A called
// task_B called
// task_C called
// queued in one timer callback, they run in this order:
// 1. synchronous code
// 2. process.nextTick
// 3. promise then (microtask)
// 4. queueMicrotask (microtask)
// 5. setImmediate (check, call_soon)
// 6. setTimeout 0 (timers phase, call_later(0))
