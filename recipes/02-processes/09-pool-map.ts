/**
 * Using a process pool
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using a process pool
 * @book    1e ch. 3 "Process-based Parallelism" › How to use a process pool
 * @python  Chapter03/process_pool.py
 * @covers  P9
 * @run     npm run recipe -- processes/pool-map
 * @timeout 60000
 * @see     threads/pool-map — the same map on worker threads (piscina)
 *
 * `multiprocessing.Pool(processes=4).map(function_square, range(100))`
 * sends the inputs to four processes in chunks and returns the squares in
 * input order. Node has no process pool built in, and piscina has only
 * threads, so the project has one: `ProcessPool` (shared/src).
 */
import { isEntry } from '@cookbook/shared';
import { ProcessPool } from '@cookbook/shared/process-pool';
import type { Squared } from './09-pool-map.task.ts';

// The book's pool of four, mapping 0..99 to squares. The function lives
// in a task module the children import (09-pool-map.task.ts); Python
// pickles a reference to it instead.
export const PROCESSES = 4;
export const INPUTS = Array.from({ length: 100 }, (_, i) => i);
const TASK = new URL('./09-pool-map.task.ts', import.meta.url);

// The squares, in input order, and which children computed them.
export interface Result {
  squares: number[];
  pids: number[];
}

// The book's `pool.map(function_square, inputs)`, in order.
export async function main(): Promise<Result> {
  // `await using` closes the pool (Python's close() + join()) on the way
  // out, even if a task fails.
  await using pool = new ProcessPool(TASK, { size: PROCESSES });
  // Every child is up before the map, so the work spreads over all four.
  await pool.ready();
  // Each task goes over IPC to an idle child; `map` is `Promise.all` over
  // `run`, so the outputs come back in input order, as Python's do.
  const outputs = await pool.map<number, Squared>(INPUTS);
  const squares = outputs.map((o) => o.square);
  const pids = [...new Set(outputs.map((o) => o.pid))];
  // Python prints the list on one line; we wrap it, ten to a row.
  const rows = Array.from({ length: squares.length / 10 }, (_, r) =>
    squares.slice(r * 10, r * 10 + 10).join(', '));
  console.log(`Pool    : [${rows.join(',\n           ')}]`);
  console.log(`children used: ${pids.length} of ${pool.size}`);
  return { squares, pids };
}

// The pool's children run the task file, not this one: no role here.
if (isEntry(import.meta.url)) await main();

// Output:
// Pool    : [0, 1, 4, 9, 16, 25, 36, 49, 64, 81,
//            100, 121, 144, 169, 196, 225, 256, 289, 324, 361,
//            400, 441, 484, 529, 576, 625, 676, 729, 784, 841,
//            900, 961, 1024, 1089, 1156, 1225, 1296, 1369, 1444, 1521,
//            1600, 1681, 1764, 1849, 1936, 2025, 2116, 2209, 2304, 2401,
//            2500, 2601, 2704, 2809, 2916, 3025, 3136, 3249, 3364, 3481,
//            3600, 3721, 3844, 3969, 4096, 4225, 4356, 4489, 4624, 4761,
//            4900, 5041, 5184, 5329, 5476, 5625, 5776, 5929, 6084, 6241,
//            6400, 6561, 6724, 6889, 7056, 7225, 7396, 7569, 7744, 7921,
//            8100, 8281, 8464, 8649, 8836, 9025, 9216, 9409, 9604, 9801]
// children used: 4 of 4
