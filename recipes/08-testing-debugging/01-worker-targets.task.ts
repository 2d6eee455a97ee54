/**
 * The debugged program of testing-debugging/worker-targets (not a recipe
 * itself): one of the book's three threads, run in a worker. The recipe
 * is the debugger that attaches to each of them.
 */
import { parentPort } from 'node:worker_threads';
import { workerInput } from '@cookbook/shared';

// The book's class. `run` pauses at `debugger;` when a debugger holds
// this worker, then sleeps (a worker may block: it has no UI to freeze).
class MyThreadClass {
  name: string;
  duration: number;
  constructor(name: string, duration: number) {
    this.name = name;
    this.duration = duration;
  }

  run(): void {
    parentPort?.postMessage(`---> ${this.name} running, ` +
      `belonging to process ID ${process.pid}`);
    debugger; // the breakpoint: a no-op unless a debugger is attached
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, this.duration * 100);
    parentPort?.postMessage(`---> ${this.name} over`);
  }
}

// The name and the duration (tenths of a second) come from the recipe.
const [name, duration] = workerInput<[string, number]>();
new MyThreadClass(name, duration).run();
