/**
 * Defining processes in a subclass
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Defining processes in a
 *          subclass
 * @book    1e ch. 3 "Process-based Parallelism" › How to use a process in
 *          a subclass
 * @python  Chapter03/process_in_subclass.py
 * @covers  P6
 * @run     npm run recipe -- processes/process-subclass
 * @timeout 120000
 * @see     threads/thread-subclass — the same idea with worker threads
 *
 * The book subclasses `multiprocessing.Process`, overrides `run()`, and
 * starts and joins ten instances in turn; each prints "called run method
 * in MyProcess-k". We keep that shape on top of `fork`.
 */
import type { ChildProcess } from 'node:child_process';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// The book starts ten processes, one after another.
export const PROCESSES = 10;

// Python pickles the object into the child; a Node child gets only a
// command line, so each subclass registers, and the child rebuilds the
// instance by its class's name.
type Subclass = new (name: string) => Process;
const registry = new Map<string, Subclass>();
const counters = new Map<string, number>();

// The base class: a name, `start` forks a child that rebuilds this
// object and calls `run`, `join` waits for that child to exit.
abstract class Process {
  readonly name: string;
  #child: ChildProcess | undefined;

  // Python's default names: the class name and a counter, MyProcess-1.
  constructor(name?: string) {
    const cls = this.constructor.name;
    const n = (counters.get(cls) ?? 0) + 1;
    counters.set(cls, n);
    this.name = name ?? `${cls}-${n}`;
  }

  // A subclass registers once, so a child can find it by its name.
  static register(cls: Subclass): void {
    registry.set(cls.name, cls);
  }

  /** Runs in the child. Subclasses override it. */
  abstract run(): void | Promise<void>;

  // `start` forks this file in its `process` role, with the class name.
  start(): void {
    this.#child = forkRole(import.meta.url, 'process',
      [this.constructor.name, this.name]);
    this.#child.disconnect(); // run() needs no channel here
  }

  // `join` waits for the child and says how it ended.
  async join(): Promise<{ pid: number; code: number | null }> {
    if (this.#child === undefined) throw new Error('join() before start()');
    const { code } = await exited(this.#child);
    return { pid: this.#child.pid!, code };
  }
}

// The book's subclass: only `run()` is its own, as in Python.
class MyProcess extends Process {
  override run(): void {
    console.log(`called run method in ${this.name} (pid ${process.pid})`);
  }
}
Process.register(MyProcess);

// The child gets the subclass's name and the instance's name, rebuilds
// the instance from the registry, and calls `run()`.
async function child(className: string, name: string): Promise<void> {
  const cls = registry.get(className);
  if (cls === undefined) throw new Error(`unknown subclass ${className}`);
  await new cls(name).run();
}

// What main learns about each process it ran.
export interface Ran {
  name: string;
  pid: number;
  code: number | null;
}

// The book's loop: create, start and join, ten times. Joining before the
// next start is why the lines print in order, MyProcess-1 first.
export async function main(count = PROCESSES): Promise<Ran[]> {
  const ran: Ran[] = [];
  for (let i = 0; i < count; i++) {
    // Each new instance takes the next default name, as in Python.
    const process = new MyProcess();
    process.start();
    ran.push({ name: process.name, ...(await process.join()) });
  }
  return ran;
}

// A child runs this file in its `process` role; otherwise we are main.
const role = childRole(import.meta.url);
if (role === 'process') await child(childArgs()[0]!, childArgs()[1]!);
else if (isEntry(import.meta.url)) await main();

// Output:
// called run method in MyProcess-1 (pid {*})
// called run method in MyProcess-2 (pid {*})
// called run method in MyProcess-3 (pid {*})
// called run method in MyProcess-4 (pid {*})
// called run method in MyProcess-5 (pid {*})
// called run method in MyProcess-6 (pid {*})
// called run method in MyProcess-7 (pid {*})
// called run method in MyProcess-8 (pid {*})
// called run method in MyProcess-9 (pid {*})
// called run method in MyProcess-10 (pid {*})
