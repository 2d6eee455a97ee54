/**
 * The worker side of async/executors: the book's `count(number)`, run
 * in a thread or a child process by the executors (their task module's
 * default export), and on the main thread by the sequential run.
 */
import { threadId } from 'node:worker_threads';

export interface Job {
  item: number;
  iterations: number;
}

export interface Done {
  item: number;
  result: number;
  pid: number;
  threadId: number;
}

// The book loops ten million times and returns `i * number`. Its
// `i += 1` inside `for i in range(...)` is rebound by the loop at each
// step; we keep a separate counter, so the loop is honest work.
export function count(number: number, iterations: number): number {
  let i = 0;
  for (let step = 0; step < iterations; step++) i += 1;
  return i * number;
}

// We also report where we ran, so the recipe can show it.
export default function evaluate({ item, iterations }: Job): Done {
  return { item, result: count(item, iterations), pid: process.pid,
    threadId };
}
