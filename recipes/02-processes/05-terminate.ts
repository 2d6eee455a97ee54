/**
 * Killing a process
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Killing a process
 * @book    1e ch. 3 "Process-based Parallelism" › How to kill a process
 * @python  Chapter03/killing_processes.py
 * @covers  P5
 * @run     npm run recipe -- processes/terminate
 * @timeout 60000
 * @see     processes/background
 *
 * The book starts a process that would count to ten over ten seconds,
 * terminates it at once and prints `is_alive()` at four points, then
 * "Process exit code: -15". Node says the same things differently.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry } from '@cookbook/shared';
import { childRole, forkRole } from '@cookbook/shared/child-role';

// The child is the book's foo, which never gets far. After its first line it
// tells the parent it is running; the parent kills it during the first
// one-second sleep.
async function foo(): Promise<void> {
  console.log('Starting function');
  for (let i = 0; i < 10; i++) {
    console.log(`-->${i}`);
    if (i === 0) process.send!('running');
    await sleep(1_000);
  }
  console.log('Finished function');
}

// Node has no process object before `fork`, hence the `undefined`.
// Alive means: started, and no exit seen yet (Python's `is_alive()`).
function isAlive(child: ChildProcess | undefined): boolean {
  return child?.pid !== undefined && child.exitCode === null &&
    child.signalCode === null;
}

// What Python's `print(p)` would show: the pid, and how it ended.
function describe(child: ChildProcess | undefined): string {
  if (child === undefined) return 'not started';
  const end = child.signalCode ?? child.exitCode;
  return `pid ${child.pid}` + (end === null ? '' : `, ended by ${end}`);
}

// A child killed by a signal ends with `exitCode` null and `signalCode`
// 'SIGTERM', where Python folds both into `exitcode = -15`.
// `alive` holds the four `is_alive()` answers, in the book's order.
export interface Result {
  alive: boolean[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Python's exitcode: -(signal number) when a signal ended it. */
  pythonExitCode: number | null;
}

// The book's sequence: before, running, terminated, joined.
export async function main(): Promise<Result> {
  const alive: boolean[] = [];
  // `show` prints the book's line and keeps `is_alive()` for the test.
  const show = (label: string, child?: ChildProcess): void => {
    alive.push(isAlive(child));
    console.log(`Process ${label}: ${describe(child)} ` +
      `alive=${isAlive(child)}`);
  };
  show('before execution');
  // We wait until the child runs foo, so "running" is honest.
  const child = forkRole(import.meta.url, 'foo');
  await new Promise((resolve) => child.once('message', resolve));
  show('running', child);
  // `kill` only sends the signal: just after it, the child still runs.
  child.kill('SIGTERM');
  show('terminated', child);
  // Python's `join()`: once the exit is seen, the child is not alive.
  const { code, signal } = await exited(child);
  show('joined', child);
  // Python reports a signal as a negative exitcode: -15 for SIGTERM.
  const pythonExitCode = signal === null ? code
    : -os.constants.signals[signal];
  console.log(`Process exit code: ${code}, signal: ${signal} ` +
    `(Python's exitcode: ${pythonExitCode})`);
  return { alive, exitCode: code, signal, pythonExitCode };
}

// A child runs this file in its `foo` role; otherwise we are main.
if (childRole(import.meta.url) === 'foo') await foo();
else if (isEntry(import.meta.url)) await main();

// Output:
// Process before execution: not started alive=false
// Starting function
// -->0
// Process running: pid {*} alive=true
// Process terminated: pid {*} alive=true
// Process joined: pid {*}, ended by SIGTERM alive=false
// Process exit code: null, signal: SIGTERM (Python's exitcode: -15)
