/**
 * Naming a process
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Naming a process
 * @book    1e ch. 3 "Process-based Parallelism" › How to name a process
 * @python  Chapter03/naming_processes.py
 * @covers  P3
 * @run     npm run recipe -- processes/name-a-process
 * @needs   posix
 * @timeout 60000
 * @see     processes/spawn
 *
 * Python gives every `Process` a `name` that lives only inside Python.
 * A Node process has two names the operating system sees; we use both.
 */
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// The book's names: one given, one the default Python would choose
// (`'Process-2'`); the child reads it back as `current_process().name`.
export const NAMES = ['myFunc process', 'Process-2'];
const SLEEP_MS = 300; // the book's 3 s, shortened

// The child's two names: its argv, fixed at start (the name arrives
// there), and `process.title`, which it may set and which `ps` then shows
// in place of its command line.
async function myFunc(name: string): Promise<void> {
  // Python's `name` is an attribute; ours is seen by the whole system.
  process.title = name;
  console.log(`Starting process name = ${process.title}`);
  process.send!('named');
  // Stay alive until the parent has read our title with ps (a fixed
  // sleep alone would race with a slow parent), then the book's sleep.
  await new Promise((resolve) => process.once('message', resolve));
  await sleep(SLEEP_MS);
  console.log(`Exiting process name = ${process.title}`);
  process.disconnect();
}

// What `ps -o args=` prints for a pid: the title once the child set it.
function psArgs(pid: number): string {
  return execFileSync('ps', ['-o', 'args=', '-p', String(pid)])
    .toString().trim();
}

// What we learn about each named child.
export interface Named {
  name: string;
  pid: number;
  /** The command line `ps` showed while the child slept. */
  seenByPs: string;
  exitCode: number | null;
}

// Main reads each child's title with ps while the child waits for it.
export async function main(): Promise<Named[]> {
  // Both start before either is joined, as in the book.
  const children = NAMES.map((name) => {
    const child = forkRole(import.meta.url, 'myFunc', [name]);
    // Once the child says it is named, we run ps, then release it.
    const seen = new Promise<string>((resolve) =>
      child.once('message', () => {
        resolve(psArgs(child.pid!));
        child.send('seen');
      }));
    return { name, child, seen };
  });
  // Join them in order, as the book does, then print what ps saw.
  const named: Named[] = [];
  for (const { name, child, seen } of children) {
    const { code } = await exited(child);
    named.push({ name, pid: child.pid!, seenByPs: await seen,
      exitCode: code });
  }
  for (const n of named) {
    console.log(`ps shows '${n.seenByPs}' for pid ${n.pid}`);
  }
  return named;
}

// A child runs this file in its `myFunc` role; otherwise we are main.
if (childRole(import.meta.url) === 'myFunc') await myFunc(childArgs()[0]!);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// Starting process name = myFunc process
// Starting process name = Process-2
// Exiting process name = myFunc process
// Exiting process name = Process-2
// ps shows 'myFunc process' for pid {*}
// ps shows 'Process-2' for pid {*}
