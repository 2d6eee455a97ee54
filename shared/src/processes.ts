/**
 * Child processes that run TypeScript, and killing a whole process group.
 *
 * Killing a child does not kill its children (execa#170): a recipe that
 * starts a tree of processes starts it in its own group (`detached`) and
 * signals the group, so nothing is left behind.
 */
import {
  fork,
  spawn,
  type ChildProcess,
  type ForkOptions,
  type SpawnOptions,
} from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleSync } from './bundle.mjs';
import { TSX_EXEC_ARGV, withoutTsx } from './workers.ts';

const BOOT = new URL('./boot.mjs', import.meta.url);

/**
 * `child_process.fork` on a `.ts` module, so it works whether or not the
 * parent itself runs under tsx. The child runs the module's cached
 * bundle through boot.mjs (no loader, source maps on; see bundle.mjs),
 * and still sees its `.ts` path as `process.argv[1]`. A module esbuild
 * cannot bundle runs under tsx's loader instead.
 */
export function forkTs(
  module: URL | string,
  args: readonly string[] = [],
  options: ForkOptions = {},
): ChildProcess {
  const path = module instanceof URL ? module : new URL(module);
  const bundle = bundleSync(path);
  if (bundle !== undefined) {
    return fork(BOOT, [bundle, fileURLToPath(path), ...args], {
      ...options,
      execArgv: withoutTsx(options.execArgv ?? []),
    });
  }
  return fork(path, [...args], {
    ...options,
    execArgv: [...TSX_EXEC_ARGV, ...(options.execArgv ?? [])],
  });
}

/** Spawns a command as the leader of a new process group. */
export function spawnGroup(
  command: string,
  args: readonly string[] = [],
  options: SpawnOptions = {},
): ChildProcess {
  return spawn(command, [...args], { ...options, detached: true });
}

/**
 * Sends `signal` to the child's whole process group (the child must have
 * been started with `detached: true`). Returns false if it was gone.
 */
export function killGroup(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with `{ code, signal }` once the child has exited. */
export function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Whether the process `pid` is still running. Signal 0 checks that the
 * pid exists without killing anything; but a process that has died and
 * whose parent has not reaped it yet (a zombie) still exists, so on
 * Linux we also read its state from /proc: `Z` counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // Gone since the signal, or a system without /proc (trust signal 0).
    return !existsSync('/proc/self');
  }
  return !/^\d+ \(.*\) Z/s.test(stat);
}
