/**
 * The worker side of async/future-lifecycle: the book's recursive
 * `fib(n)` (mpfib.py), which refuses negative input.
 */
export function fib(n: number): number {
  if (n < 0) throw new RangeError(`fib(${n}): n must be >= 0`);
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export default fib;
