/**
 * One file, two roles: a recipe that forks itself as a child.
 *
 * Python's `multiprocessing.Process(target=f)` runs a function of the
 * same script in a new process. Node's `fork` runs a whole module, so a
 * recipe forks its own file with a flag and a role name, and the file
 * checks `childRole()` before `isEntry()` to know which side it is on.
 */
import type { ChildProcess, ForkOptions } from 'node:child_process';
import { isEntry } from './entry.ts';
import { forkTs } from './processes.ts';

/** The argv flag that marks a recipe file started as its own child. */
export const CHILD_FLAG = '--cookbook-child';

/**
 * The role this process was forked with, when `moduleUrl` is the script
 * and it was started by `forkRole`; undefined otherwise.
 */
export function childRole(moduleUrl: string): string | undefined {
  if (process.argv[2] !== CHILD_FLAG || !isEntry(moduleUrl)) return undefined;
  return process.argv[3];
}

/** The arguments after the role, in the child. */
export function childArgs(): string[] {
  return process.argv.slice(4);
}

/** Forks `moduleUrl` (a `.ts` file) as a child playing `role`. */
export function forkRole(
  moduleUrl: string,
  role: string,
  args: readonly string[] = [],
  options: ForkOptions = {},
): ChildProcess {
  return forkTs(new URL(moduleUrl), [CHILD_FLAG, role, ...args], options);
}
