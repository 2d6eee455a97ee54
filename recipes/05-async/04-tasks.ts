/**
 * Manipulating tasks: three computations interleaved on one thread
 *
 * @book    2e ch. 5 "Asynchronous Programming" › Manipulating tasks with
 *          asyncio
 * @book    1e ch. 4 "Asynchronous Programming" › Task manipulation with
 *          Asyncio
 * @python  Chapter05/asyncio_task_manipulation.py
 * @covers  A4
 * @run     npm run recipe -- async/tasks
 * @see     async/event-loop, async/futures
 *
 * factorial(10), fibonacci(10) and binomial_coefficient(20, 10) print a
 * line per step and `await asyncio.sleep(1)`; as `asyncio.Task`s, they
 * take turns. The book's file fails on Python 3.11 (no `@coroutine`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry } from '@cookbook/shared';

// The book's one-second step, made short; its arguments.
const STEP_MS = 20;
export const N_FACTORIAL = 10;
export const N_FIBONACCI = 10;
export const [BINOMIAL_N, BINOMIAL_K] = [20, 10] as const;

// The three answers, and every step in the order the turns came round.
export interface Result {
  /** Every progress line's task and step, in the order printed. */
  steps: string[];
  factorial: number;
  fibonacci: number;
  binomial: number;
}

// Each task logs `name(i)` before it sleeps (the book's line). Equal
// timers fire in the order set, so the turns go round in a fixed order.
function step(steps: string[], name: string, i: number): Promise<void> {
  console.log(`Asyncio.Task: Compute ${name}(${i})`);
  steps.push(`${name}(${i})`);
  return sleep(STEP_MS);
}

// n! = 2 * 3 * ... * n, one multiplication per step; each `await`
// hands the thread back so the other two tasks can take their turn.
async function factorial(steps: string[], n: number): Promise<number> {
  let fact = 1;
  for (let i = 2; i <= n; i++) {
    await step(steps, 'factorial', i);
    fact *= i;
  }
  console.log(`Asyncio.Task - factorial(${n}) = ${fact}`);
  return fact;
}

// The n-th Fibonacci number, one pair update per step from step 0.
async function fibonacci(steps: string[], n: number): Promise<number> {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) {
    await step(steps, 'fibonacci', i);
    [a, b] = [b, a + b];
  }
  console.log(`Asyncio.Task - fibonacci(${n}) = ${a}`);
  return a;
}

// The book divides in floating point and prints 184756.0; JavaScript
// has one number type, and each partial result is an exact integer.
async function binomialCoefficient(steps: string[], n: number,
  k: number): Promise<number> {
  let result = 1;
  for (let i = 1; i <= k; i++) {
    result = (result * (n - i + 1)) / i;
    await step(steps, 'binomial_coefficient', i);
  }
  console.log(`Asyncio.Task - binomial_coefficient(${n}, ${k}) = ` +
    `${result}`);
  return result;
}

export async function main(): Promise<Result> {
  // Calling an async function starts it: it runs to its first `await`
  // at once, and the promise it returns is the task (no asyncio.Task).
  const steps: string[] = [];
  // The book's run_until_complete(asyncio.wait(task_list)). Unlike
  // asyncio.wait, Promise.all gives the results back, in task order.
  const [fact, fib, binomial] = await Promise.all([
    factorial(steps, N_FACTORIAL),
    fibonacci(steps, N_FIBONACCI),
    binomialCoefficient(steps, BINOMIAL_N, BINOMIAL_K),
  ]);
  return { steps, factorial: fact, fibonacci: fib, binomial };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// Asyncio.Task: Compute factorial(2)
// Asyncio.Task: Compute fibonacci(0)
// Asyncio.Task: Compute binomial_coefficient(1)
// Asyncio.Task: Compute factorial(3)
// Asyncio.Task: Compute fibonacci(1)
// Asyncio.Task: Compute binomial_coefficient(2)
// Asyncio.Task: Compute factorial(4)
// Asyncio.Task: Compute fibonacci(2)
// Asyncio.Task: Compute binomial_coefficient(3)
// Asyncio.Task: Compute factorial(5)
// Asyncio.Task: Compute fibonacci(3)
// Asyncio.Task: Compute binomial_coefficient(4)
// Asyncio.Task: Compute factorial(6)
// Asyncio.Task: Compute fibonacci(4)
// Asyncio.Task: Compute binomial_coefficient(5)
// Asyncio.Task: Compute factorial(7)
// Asyncio.Task: Compute fibonacci(5)
// Asyncio.Task: Compute binomial_coefficient(6)
// Asyncio.Task: Compute factorial(8)
// Asyncio.Task: Compute fibonacci(6)
// Asyncio.Task: Compute binomial_coefficient(7)
// Asyncio.Task: Compute factorial(9)
// Asyncio.Task: Compute fibonacci(7)
// Asyncio.Task: Compute binomial_coefficient(8)
// Asyncio.Task: Compute factorial(10)
// Asyncio.Task: Compute fibonacci(8)
// Asyncio.Task: Compute binomial_coefficient(9)
// Asyncio.Task - factorial(10) = 3628800
// Asyncio.Task: Compute fibonacci(9)
// Asyncio.Task: Compute binomial_coefficient(10)
// Asyncio.Task - fibonacci(10) = 55
// Asyncio.Task - binomial_coefficient(20, 10) = 184756
