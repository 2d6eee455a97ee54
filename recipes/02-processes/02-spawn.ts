/**
 * Spawning a process
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Spawning a process
 * @book    1e ch. 3 "Process-based Parallelism" › How to spawn a process
 * @python  Chapter03/spawning_processes.py,
 *          Chapter03/spawning_processes_namespace.py, Chapter03/myFunc.py
 * @covers  P2
 * @run     npm run recipe -- processes/spawn
 * @timeout 60000
 * @see     processes/exec, processes/name-a-process
 *
 * The book starts six processes on `myFunc(i)`, one after another: each is
 * started and joined before the next. A Node child always runs a whole
 * module, so the module learns from its command line what to run.
 */
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// The book's six processes, n° 0 to 5.
export const PROCESSES = 6;

// `Process(target=f, args=(i,))` runs one function of the script; its namespace
// variant imports `myFunc` from a module, because a spawned child re-imports
// the script. The book's target, line for line. The lines also go back to the
// parent over the IPC channel that `fork` opens, so the test can check them.
export function myFunc(i: number): string[] {
  const lines = [`calling myFunc from process n°: ${i}`];
  for (let j = 0; j < i; j++) lines.push(`output from myFunc is :${j}`);
  return lines;
}

// The child prints its lines to our terminal, as Python's does, sends
// them home, and ends.
function child(i: number): void {
  const lines = myFunc(i);
  for (const line of lines) console.log(line);
  process.send!({ pid: process.pid, lines });
  process.disconnect(); // nothing else to say: let the child end
}

// What main learns of each child: its exit code plays the part of
// `join()`'s `exitcode`, and its lines came back over IPC.
export interface Spawned {
  i: number;
  pid: number;
  exitCode: number | null;
  lines: string[];
}

// One entry per process, in the order they ran.
export type Result = Spawned[];

// The book's loop: start process i, join it, then start the next.
export async function main(): Promise<Result> {
  const spawned: Spawned[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    // `fork` starts a new Node on this file (through tsx's loader, so it
    // can be TypeScript) with the role and `i` on its command line.
    const process = forkRole(import.meta.url, 'myFunc', [String(i)]);
    let report = { pid: -1, lines: [] as string[] };
    process.on('message', (m) => (report = m as typeof report));
    // `exited` is our `join()`: we wait before starting the next one.
    const { code } = await exited(process);
    spawned.push({ i, pid: report.pid, exitCode: code, lines: report.lines });
  }
  return spawned;
}

// A child runs this file in its `myFunc` role; otherwise we are main.
if (childRole(import.meta.url) === 'myFunc') child(Number(childArgs()[0]));
else if (isEntry(import.meta.url)) await main();

// Output:
// calling myFunc from process n°: 0
// calling myFunc from process n°: 1
// output from myFunc is :0
// calling myFunc from process n°: 2
// output from myFunc is :0
// output from myFunc is :1
// calling myFunc from process n°: 3
// output from myFunc is :0
// output from myFunc is :1
// output from myFunc is :2
// calling myFunc from process n°: 4
// output from myFunc is :0
// output from myFunc is :1
// output from myFunc is :2
// output from myFunc is :3
// calling myFunc from process n°: 5
// output from myFunc is :0
// output from myFunc is :1
// output from myFunc is :2
// output from myFunc is :3
// output from myFunc is :4
