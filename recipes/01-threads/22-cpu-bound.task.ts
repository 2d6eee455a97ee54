/**
 * The pool's side of threads/cpu-bound: the book's recursive Fibonacci.
 * piscina loads this module once per thread and calls its default
 * export for every task; `meet` (from shared) is the warm-up task.
 */
import { threadId } from 'node:worker_threads';

export { meet } from '@cookbook/shared';

/** The book's deliberately slow, recursive fib: pure CPU work. */
export function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export interface FibDone {
  value: number;
  threadId: number;
}

// The pool's default task: one fib job, tagged with the thread it ran on.
export default function fibJob(n: number): FibDone {
  return { value: fib(n), threadId };
}
