/**
 * Multiprocess queues: a worker pool with task and result queues
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiprocess queues
 * @python  queues.py (DC)
 * @covers  Q3
 * @run     npm run recipe -- pipes/task-queues
 * @timeout 60000
 * @see     pipes/queue, processes/pool-map
 *
 * The book's `queues.py -n N` starts N workers that take
 * `(function, argument)` tasks from one `mp.Queue` and put results on
 * another; main puts N `fib(34)` tasks, then one `None` per worker.
 */
import { exited, isEntry } from '@cookbook/shared';
import { childRole, forkRole } from '@cookbook/shared/child-role';
import { answerCalls, callParent } from '@cookbook/shared/ipc-call';

// Two workers (this machine's cores), each with one fib(34) task.
export const N = 2;
export const FIB_OF = 34;

// The book's task, the slow recursive Fibonacci. A function cannot cross
// a process in Node (nor really in Python: pickle sends only its name),
// so a task names it and the worker looks it up in this table.
export function fib(n: number): number {
  return n <= 2 ? 1 : fib(n - 1) + fib(n - 2);
}
const FUNCTIONS: Record<string, (arg: number) => number> = { fib };

// What travels: a task (or the sentinel), a result, and the two calls.
type Task = { fn: string; arg: number } | null; // null: the sentinel
export interface Done { result: number; pid: number }
type Call = { op: 'get' } | { op: 'put'; done: Done };

// A worker takes tasks until its own sentinel, so none can hang on an
// empty queue and nobody needs `empty()`. Each `get` and `put` is a call
// over IPC to the parent, which holds both queues.
async function worker(): Promise<void> {
  for (;;) {
    const task = await callParent<Call, Task>({ op: 'get' });
    if (task === null) break;
    const result = FUNCTIONS[task.fn]!(task.arg);
    await callParent({ op: 'put', done: { result, pid: process.pid } });
  }
  process.disconnect();
}

// The results as they arrived, and the wall time with start-up.
export interface Result {
  results: Done[];
  seconds: number;
}

// Main holds both queues: a worker's `get` takes a task, its `put`
// hands back a result, which main prints as it comes.
export async function main(workers = N): Promise<Result> {
  // The task queue: N tasks, then one sentinel per worker.
  const tasks: Task[] = [
    ...Array.from({ length: workers }, () => ({ fn: 'fib', arg: FIB_OF })),
    ...Array<Task>(workers).fill(null),
  ];
  // Each child's calls are answered here: `get` shifts the task queue,
  // `put` appends to the result queue and prints, as the book's main does.
  const results: Done[] = [];
  const started = performance.now();
  const children = Array.from({ length: workers }, () => {
    const child = forkRole(import.meta.url, 'worker');
    answerCalls<Call, Task | true>(child, (call) => {
      if (call.op === 'get') return tasks.shift()!;
      results.push(call.done);
      console.log(call.done.result);
      return true;
    });
    return child;
  });
  // Python's `join()`: wait for every worker, then compare with the book.
  const codes = await Promise.all(children.map((c) => exited(c)));
  const seconds = (performance.now() - started) / 1000;
  if (codes.some((c) => c.code !== 0)) throw new Error('a worker failed');
  console.log(`${workers} workers: ${seconds.toFixed(2)} s ` +
    '(with their start-up)');
  console.log('book (4-core Mac): N=1 1.89 s, N=4 2.01 s, N=8 4.00 s');
  return { results, seconds };
}

// A worker runs this file in its `worker` role; otherwise we are main.
if (childRole(import.meta.url) === 'worker') await worker();
else if (isEntry(import.meta.url)) await main();

// Output:
// 5702887
// 5702887
// 2 workers: {*} s (with their start-up)
// book (4-core Mac): N=1 1.89 s, N=4 2.01 s, N=8 4.00 s
