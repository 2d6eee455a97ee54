/**
 * The harness of processes/background: runs one of the book's programs
 * as a child of main and collects what it and its own children print.
 *
 * The program and its children print on one stdout pipe, which ends only
 * when the last of them has closed it. The program tells us its daemon's
 * pid over IPC (0 when it has none), so we can check the daemon is gone.
 */
import { exited, isAlive } from '@cookbook/shared';
import { forkRole } from '@cookbook/shared/child-role';

// One program's run: what all its processes printed, in order, its
// daemon's pid, and whether that daemon was still alive afterwards.
export interface Run {
  variant: string;
  lines: string[];
  daemonPid: number;
  daemonAliveAfter: boolean;
}

/** Forks `recipeUrl` in its `program` role and waits for all output. */
export async function runProgram(recipeUrl: string, variant: string):
  Promise<Run> {
  const child = forkRole(recipeUrl, 'program', [variant],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  // Collect stdout until it ends (the last writer closed it), and keep
  // the daemon's pid when the program sends it.
  const printed = child.stdout!.setEncoding('utf8').toArray();
  let daemonPid = 0;
  child.on('message', (m) => ({ daemonPid } = m as { daemonPid: number }));
  const lines = (await printed).join('').trimEnd().split('\n');
  // Then wait for the program's own exit, and look for its daemon.
  await exited(child);
  return { variant, lines, daemonPid,
    daemonAliveAfter: daemonPid !== 0 && isAlive(daemonPid) };
}
