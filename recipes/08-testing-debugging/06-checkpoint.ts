/**
 * Checkpoint and restart: save state as JSON on a signal, resume later
 *
 * @book    DC ch. 7 "Testing and Debugging Distributed Applications" ›
 *          Checkpoint on eviction signal
 * @covers  X6
 * @run     npm run recipe -- testing-debugging/checkpoint
 * @needs   posix
 * @timeout 120000
 *
 * The book's `Checkpointer` loads `~/.checkpoint.json`, counts `i` up
 * once a second, and on SIGQUIT saves the state and quits; restarted, it
 * goes on from the saved `i`. Batch schedulers warn a job the same way
 * before they evict it (SIGTERM, or SIGUSR2 ahead of time). Node runs a
 * signal handler only between turns of its event loop, never in the
 * middle of a step, so the state it saves is always whole. We stop a
 * computation at five seeded points, resume it each time, and check that
 * it ends where an uninterrupted run ends.
 */
import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync,
  writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, forkTs, isEntry, randomInts } from '@cookbook/shared';

// How long the computation is, and where (by a fixed seed) we stop it.
const STEPS = 60;
const STOPS = [...new Set(randomInts(5, STEPS - 2, 7))]
  .map((s) => s + 1).sort((a, b) => a - b);

// The state: the step reached and a running total that depends on the
// order of every step before it, so a lost or repeated step shows.
interface State { i: number; total: number }
const START: State = { i: 0, total: 1 };

function step({ i, total }: State): State {
  return { i: i + 1, total: (total * 31 + i * i) % 1_000_003 };
}

// ── The job (a child process) ──────────────────────────────────────
// Write a temporary file, then rename it over the checkpoint: a rename
// is atomic, so a crash mid-write never leaves half a JSON file.
function save(file: string, state: State): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

// The job reports each step and waits for "go on", so the driver can
// signal it at an exact step (a real scheduler's signal lands anywhere
// between two steps; the handler still runs only between them).
async function job(file: string): Promise<void> {
  let state: State = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8')) as State : START;
  process.send?.({ started: state.i });
  process.on('SIGUSR2', () => { // a warning: save, keep going
    save(file, state);
    process.send?.({ saved: state.i });
  });
  process.on('SIGTERM', () => { // eviction: save and quit
    save(file, state);
    process.exit(0);
  });
  // Each "go on" from the driver runs one step and reports it; at the
  // end the job reports its final state instead.
  process.on('message', () => {
    if (state.i === STEPS) return void process.send?.({ done: state });
    state = step(state);
    process.send?.({ at: state.i });
  });
}

// ── The driver ─────────────────────────────────────────────────────
type Report = { started?: number; at?: number; saved?: number;
  done?: State };

// Runs the job from the checkpoint until step `stop` (then SIGTERM) or
// to the end. `warnAt` sends SIGUSR2 once on the way.
async function runLeg(file: string, stop: number, warnAt = -1) {
  const child: ChildProcess = forkTs(new URL(import.meta.url),
    ['job', file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const leg = { started: -1, warned: -1,
    done: undefined as State | undefined };
  // The driver reads each report and answers with "go on", a signal, or
  // (at the end) by closing the channel, which lets the job exit.
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

// The seeded stops, where each leg started, and both final states.
export interface Result {
  stops: number[];
  resumedFrom: number[];
  warnedAt: number;
  uninterrupted: State;
  resumed: State;
}

export async function main(): Promise<Result> {
  // The reference: the same steps, in this process, never interrupted.
  let uninterrupted = START;
  while (uninterrupted.i < STEPS) uninterrupted = step(uninterrupted);
  console.log(`uninterrupted: total = ${uninterrupted.total} after ` +
    `${STEPS} steps`);

  // Stop at each seeded point with SIGTERM, then run to the end.
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  const file = join(dir, 'checkpoint.json');
  try {
    const resumedFrom: number[] = [];
    let warnedAt = -1;
    for (const [n, stop] of [...STOPS, Infinity].entries()) {
      const warn = n === 0 ? Math.floor(stop / 2) : -1;
      const leg = await runLeg(file, stop, warn);
      resumedFrom.push(leg.started);
      if (leg.warned >= 0) warnedAt = leg.warned;
      const from = `leg ${n + 1}: i ${leg.started} -> `;
      if (leg.done) {
        console.log(`${from}${leg.done.i}, done: total = ${leg.done.total}`);
        const same = leg.done.total === uninterrupted.total;
        console.log(`same result as the uninterrupted run: ${same}`);
        return { stops: STOPS, resumedFrom, warnedAt, uninterrupted,
          resumed: leg.done };
      }
      console.log(`${from}${stop}, SIGTERM: saved, quit` + (leg.warned >= 0
        ? ` (SIGUSR2 at ${leg.warned}: saved)` : ''));
    }
    throw new Error('the job never finished');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'job') await job(process.argv[3]!);
else if (isEntry(import.meta.url)) await main();

// Output:
// uninterrupted: total = 620151 after 60 steps
// leg 1: i 0 -> 5, SIGTERM: saved, quit (SIGUSR2 at 2: saved)
// leg 2: i 5 -> 9, SIGTERM: saved, quit
// leg 3: i 9 -> 13, SIGTERM: saved, quit
// leg 4: i 13 -> 35, SIGTERM: saved, quit
// leg 5: i 35 -> 45, SIGTERM: saved, quit
// leg 6: i 45 -> 60, done: total = 620151
// same result as the uninterrupted run: true
