/**
 * Handing the process over to another program (exec)
 *
 * @book    1e ch. 1 "Getting Started with Parallel Computing and Python" ›
 *          Start working with processes in Python
 * @python  called_Process.py, calling_Process.py (1st ed.)
 * @covers  P1
 * @run     npm run recipe -- processes/exec
 * @timeout 60000
 * @see     processes/spawn — children that run beside their parent
 *
 * The book's calling script prints "Process calling" and then calls
 * `os.execvp`: the same process (same pid) becomes a new Python running
 * the called script, so the caller's "Good Bye!!" never prints. Node 20
 * has no `exec`, so we hand the process over instead.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isEntry, TSX_EXEC_ARGV } from '@cookbook/shared';
import { childArgs, childRole, CHILD_FLAG } from '@cookbook/shared/child-role';

// The called program greets, shows who its parent is, and exits with the code
// it is given (0 unless a test asks for another one). The book's called script
// waits for ENTER; ours does not, so it runs unattended.
function called(code: number): never {
  console.log(`calledProcess: pid ${process.pid}, parent ${process.ppid}`);
  console.log('Closing calledProcess');
  process.exit(code);
}

// `process.execve` arrived only in Node 23.11 and 22.15: a running V8
// cannot be swapped in place. The honest equivalent is a hand-over: spawn
// the program, wait, exit with its code, run nothing of our own after it.
// Only the pid differs: the called program gets a new one.
// `stdio: 'inherit'` gives the child our terminal, as exec keeps it.
// While it runs we pass on SIGINT and SIGTERM, so Ctrl-C or a `kill` of
// our pid reaches the program that now does the work. A child killed by
// a signal gets the shell's code for it, 128 + the signal's number.
export interface HandOver {
  code: number;
  pid: number;
}

// `handOver` runs the command in our place and resolves with its exit
// code once it is done; the pid is for the test.
export async function handOver(
  command: string,
  args: readonly string[],
): Promise<HandOver> {
  const child = spawn(command, [...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward).on('SIGTERM', forward);
  try {
    const [code, signal] = await new Promise<
      [number | null, NodeJS.Signals | null]
    >((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, s) => resolve([c, s]));
    });
    const signalCode = signal === null ? 0
      : 128 + os.constants.signals[signal];
    return { code: code ?? signalCode, pid: child.pid ?? -1 };
  } finally {
    process.off('SIGINT', forward).off('SIGTERM', forward);
  }
}

// The called program is this same file in another role, started by a
// new Node with tsx's loader (what `os.execvp('python', ...)` does).
export function calledCommand(code = 0): [string, string[]] {
  const file = fileURLToPath(import.meta.url);
  return [process.execPath,
    [...TSX_EXEC_ARGV, file, CHILD_FLAG, 'called', String(code)]];
}

// The result adds our own pid, to show the program ran in another one.
export interface Result extends HandOver {
  callerPid: number;
}

// The book's `os.execvp`: print, then hand the process over.
export async function main(): Promise<Result> {
  console.log('Process calling');
  const [command, args] = calledCommand();
  const handed = await handOver(command, args);
  return { ...handed, callerPid: process.pid };
}

// This file is both programs: the role argument says which one runs.
if (childRole(import.meta.url) === 'called') {
  called(Number(childArgs()[0] ?? 0));
} else if (isEntry(import.meta.url)) {
  // Like exec, nothing of ours runs after the called program: we leave
  // with its exit code, and the book's "Good Bye!!" never prints.
  const { code } = await main();
  process.exit(code);
}

// Output:
// Process calling
// calledProcess: pid {*}, parent {*}
// Closing calledProcess
