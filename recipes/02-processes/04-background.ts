/**
 * Running processes in the background (daemon vs non-daemon)
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Running processes in the
 *          background
 * @book    1e ch. 3 "Process-based Parallelism" › How to run a process in
 *          the background
 * @python  Chapter03/run_background_processes.py,
 *          Chapter03/run_background_processes_no_daemons.py
 * @covers  P4
 * @run     npm run recipe -- processes/background
 * @timeout 60000
 * @see     processes/terminate
 *
 * When a Python script ends, `multiprocessing` kills its daemon children
 * and joins the others. Node has no daemon flag, so we add one.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { runProgram, type Run } from './04-background.run.ts';

// The book's children sleep 1 s; 200 ms shows the same. Two programs:
// one with a daemon child, one without.
const SLEEP_MS = 200; // the book's 1 s
export const VARIANTS = ['daemon', 'no-daemons'] as const;
type Variant = (typeof VARIANTS)[number];

// The book's `foo`, run by each child: the daemon, `background_process`,
// prints 0..4, the other 5..9, each after its start line and a sleep.
async function foo(name: string): Promise<void> {
  console.log(`Starting ${name}`);
  const first = name === 'background_process' ? 0 : 5;
  for (let i = first; i < first + 5; i++) console.log(`---> ${i}`);
  await sleep(SLEEP_MS);
  console.log(`Exiting ${name}`);
}

// A Process with Python's `daemon` flag. In Node an un-joined child outlives
// its parent (`unref()` only stops waiting for it), so we do what Python does
// by hand. `start` forks the child and, for a daemon, remembers it for the end.
const daemons: ChildProcess[] = [];
class Process {
  daemon = false;
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  start(): void {
    const child = forkRole(import.meta.url, 'foo', [this.name]);
    child.disconnect(); // foo needs no channel
    if (this.daemon) daemons.push(child);
  }
}

// The book's program, run as a child of main so its exit can be watched.
// It tells main its daemon's pid, so main can check that it is gone.
function program(variant: Variant): void {
  const background = new Process('background_process');
  background.daemon = variant === 'daemon';
  const noBackground = new Process('NO_background_process');
  background.start();
  noBackground.start();
  process.send!({ daemonPid: daemons[0]?.pid ?? 0 });
  process.disconnect();
  // The program's code ends here, without a join. Like Python at exit,
  // we kill the daemons now; the loop then waits for the other child.
  for (const daemon of daemons) daemon.kill('SIGTERM');
}

// Main runs both book programs and shows the lines the daemon lost.
// (04-background.run.ts forks a program and collects what it prints.)
// Lines of different processes interleave: we print each process's
// lines in order (a stable sort), background_process's first.
export async function main(): Promise<Run[]> {
  const runs: Run[] = [];
  for (const v of VARIANTS) runs.push(await runProgram(import.meta.url, v));
  const other = (l: string): number => (/NO_|---> [5-9]/.test(l) ? 1 : 0);
  for (const { variant, lines } of runs) {
    const sorted = [...lines].sort((a, b) => other(a) - other(b));
    console.log([`== ${variant}:`, ...sorted].join('\n'));
  }
  // What the daemon never printed: the no-daemons run's extra lines.
  const [daemon, both] = runs as [Run, Run];
  const lost = both.lines.filter((l) => !daemon.lines.includes(l));
  console.log(`lost with the daemon: ${lost.length} lines`);
  console.log(`daemon alive after its program: ${daemon.daemonAliveAfter}`);
  return runs;
}

// Every process runs this file; its role says which part is its own.
const role = childRole(import.meta.url);
if (role === 'foo') await foo(childArgs()[0]!);
else if (role === 'program') program(childArgs()[0] as Variant);
else if (isEntry(import.meta.url)) await main();

// Output:
// == daemon:
// Starting NO_background_process
// ---> 5
// ---> 6
// ---> 7
// ---> 8
// ---> 9
// Exiting NO_background_process
// == no-daemons:
// Starting background_process
// ---> 0
// ---> 1
// ---> 2
// ---> 3
// ---> 4
// Exiting background_process
// Starting NO_background_process
// ---> 5
// ---> 6
// ---> 7
// ---> 8
// ---> 9
// Exiting NO_background_process
// lost with the daemon: 7 lines
// daemon alive after its program: false
