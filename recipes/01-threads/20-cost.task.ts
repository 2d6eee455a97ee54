/**
 * The workloads of threads/cost, run both on the main thread and in
 * workers. Each uses nothing but its argument and Node's globals,
 * because the recipe's plain-JS workers receive their source text, not
 * this module (and no nested functions: tsx wraps those in a naming
 * helper that such a worker lacks).
 */

/** A workload: one call of the book's `function_to_run`. */
export type Workload = (arg: never) => number | Promise<number>;

// The book's first variant: a function that does nothing.
export function empty(): number {
  return 0;
}

// Fibonacci modulo a prime, so the numbers stay exact doubles (Python
// keeps the whole big integer).
export function fibonacci(iterations: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < iterations; i++) {
    const next = (a + b) % 1_000_000_007;
    a = b;
    b = next;
  }
  return a;
}

// The book reads a file 1 KB at a time. Every `read` is a request to
// libuv's thread pool, so the main thread waits without blocking.
export async function readInChunks(path: string): Promise<number> {
  const fs = process.getBuiltinModule('node:fs/promises');
  const file = await fs.open(path);
  const chunk = Buffer.alloc(1024);
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
  } finally {
    await file.close();
  }
  return total;
}
