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
 * When a Python script ends, `multiprocessing` terminates its daemon
 * children at once and then joins the others. The book's daemon,
 * `background_process`, is killed before it prints, so only
 * `NO_background_process` shows up; without daemons both print. Node has
 * no daemon flag: an un-joined child simply outlives its parent (`unref()`
 * only lets the parent stop waiting for it). So our small `Process` class
 * gets a `daemon` field and does what Python does: when the program's
 * code is done it kills its daemons, and Node's event loop waits for the
 * rest. We run both book programs as children, capture what they print,
 * and show the lines the daemon lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry, TSX_EXEC_ARGV } from '@cookbook/shared';
import {
  childArgs,
  childRole,
  CHILD_FLAG,
  forkRole,
} from '@cookbook/shared/child-role';

const SLEEP_MS = 200; // the book's 1 s
export const VARIANTS = ['daemon', 'no-daemons'] as const;
type Variant = (typeof VARIANTS)[number];

// ── The book's `foo`, run by each child ──────────────────────────────
async function foo(name: string): Promise<void> {
  console.log(`Starting ${name}`);
  const first = name === 'background_process' ? 0 : 5;
  for (let i = first; i < first + 5; i++) console.log(`---> ${i}`);
  await sleep(SLEEP_MS);
  console.log(`Exiting ${name}`);
}

// ── A Process with Python's `daemon` flag ────────────────────────────
const daemons: ChildProcess[] = [];

class Process {
  readonly name: string;
  daemon = false;
  child: ChildProcess | undefined;
  constructor(name: string) {
    this.name = name;
  }
  start(): void {
    this.child = forkRole(import.meta.url, 'foo', [this.name]);
    this.child.disconnect(); // foo needs no channel
    if (this.daemon) daemons.push(this.child);
  }
}

// ── The book's program (a child of main) ─────────────────────────────
function program(variant: Variant): void {
  const background = new Process('background_process');
  background.daemon = variant === 'daemon';
  const noBackground = new Process('NO_background_process');
  background.start();
  noBackground.start();
  process.send!({ daemonPid: background.daemon ? background.child!.pid : 0 });
  process.disconnect();
  // The program's code ends here, without a join. Like Python at exit,
  // we kill the daemons now; the loop then waits for the other child.
  for (const daemon of daemons) daemon.kill('SIGTERM');
}

// ── Main side: run each program, group its lines by process ──────────
export interface Run {
  variant: Variant;
  lines: string[];
  daemonPid: number;
  daemonAliveAfter: boolean;
}

async function runProgram(variant: Variant): Promise<Run> {
  const file = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...TSX_EXEC_ARGV, file,
    CHILD_FLAG, 'program', variant], { stdio: ['ignore', 'pipe',
    'inherit', 'ipc'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  let daemonPid = 0;
  child.on('message', (m) => ({ daemonPid } = m as { daemonPid: number }));
  await exited(child);
  // The grandchildren share the pipe: wait until the last one closed it.
  const stdout = child.stdout!;
  if (!stdout.closed) await new Promise((r) => stdout.once('close', r));
  return { variant, lines: out.trimEnd().split('\n'), daemonPid,
    daemonAliveAfter: daemonPid !== 0 && isAlive(daemonPid) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function main(): Promise<Run[]> {
  const runs: Run[] = [];
  for (const variant of VARIANTS) runs.push(await runProgram(variant));
  const [daemon, both] = runs as [Run, Run];
  for (const run of runs) {
    console.log(`== ${run.variant}:`);
    // Each process's lines in order, background_process's first.
    const mine = (l: string): boolean => !/NO_|---> [5-9]/.test(l);
    for (const l of [...run.lines.filter(mine),
      ...run.lines.filter((l) => !mine(l))]) console.log(l);
  }
  const lost = both.lines.filter((l) => !daemon.lines.includes(l));
  console.log(`lost with the daemon: ${lost.length} lines`);
  console.log(`daemon alive after its program: ${daemon.daemonAliveAfter}`);
  return runs;
}

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
