/**
 * The batch scheduler's stand-in for testing-debugging/checkpoint (not a
 * recipe itself): it runs one leg of the job and signals it at an exact
 * step, so that the recipe's test can count on where each leg stopped.
 */
import { type ChildProcess } from 'node:child_process';
import { exited, forkTs } from '@cookbook/shared';
import type { State } from './06-checkpoint.ts';

// What the job reports: that it started (from which step), each step
// reached, a checkpoint saved on a warning, and its final state.
type Report = { started?: number; at?: number; saved?: number;
  done?: State };

// Runs the job (`recipe` forked with `job <file>`) from the checkpoint
// until step `stop`, then SIGTERM, or to the end. `warnAt` sends SIGUSR2
// once on the way. A real scheduler's signal lands anywhere between two
// steps; the job's handler runs between them all the same.
export async function runLeg(recipe: URL, file: string, stop: number,
  warnAt = -1) {
  const child: ChildProcess = forkTs(recipe, ['job', file],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const leg = { started: -1, warned: -1,
    done: undefined as State | undefined };
  // Read each report and answer with "go on", a signal, or (at the end)
  // by closing the channel, which lets the job exit.
  child.on('message', (r: Report) => {
    if (r.started !== undefined) leg.started = r.started;
    if (r.saved !== undefined) leg.warned = r.saved;
    if (r.done) return void (leg.done = r.done, child.disconnect());
    if (r.at === stop) return void child.kill('SIGTERM');
    if (r.at === warnAt) return void child.kill('SIGUSR2');
    child.send('go on');
  });
  // Whatever happens, no job outlives its leg.
  try {
    await exited(child);
  } finally {
    child.kill('SIGKILL');
  }
  return leg;
}
