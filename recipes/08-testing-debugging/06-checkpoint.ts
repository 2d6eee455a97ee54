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
 * The book's `Checkpointer` counts `i` up once a second, saves it to
 * `~/.checkpoint.json` on SIGQUIT and quits; restarted, it goes on from
 * there. Batch schedulers warn a job so before evicting it (SIGTERM, or
 * SIGUSR2 ahead of time). Node runs a signal handler only between turns
 * of its event loop, never mid-step, so the state it saves is whole. We
 * stop a job at five seeded points, resume it each time, and check that
 * it ends where an uninterrupted run ends.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync,
  writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEntry, randomInts } from '@cookbook/shared';
import { runLeg } from './06-checkpoint.scheduler.ts';

// How long the computation is, and where (by a fixed seed) we stop it.
const STEPS = 60;
const STOPS = [...new Set(randomInts(5, STEPS - 2, 7))]
  .map((s) => s + 1).sort((a, b) => a - b);

// The state: the step reached and a running total that depends on the
// order of every step before it, so a lost or repeated step shows.
export interface State { i: number; total: number }
const START: State = { i: 0, total: 1 };

// One step: pure, so the reference run in main() can repeat it exactly.
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

// The job: resume from the checkpoint if any, save on a signal. It
// reports each step and waits for "go on", so the scheduler's stand-in
// (06-checkpoint.scheduler.ts) can signal it at an exact step.
function job(file: string): void {
  let state: State = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8')) as State : START;
  process.send?.({ started: state.i });
  // A warning (SIGUSR2): save, keep going. Eviction: save and quit.
  process.on('SIGUSR2', () => {
    save(file, state);
    process.send?.({ saved: state.i });
  });
  process.on('SIGTERM', () => (save(file, state), process.exit(0)));
  // Each "go on" from the scheduler runs one step and reports it; at the
  // end the job reports its final state instead.
  process.on('message', () => {
    if (state.i === STEPS) return void process.send?.({ done: state });
    state = step(state);
    process.send?.({ at: state.i });
  });
}

// The seeded stops, where each leg started, and both final states.
export type Result = { stops: number[]; resumedFrom: number[];
  warnedAt: number; uninterrupted: State; resumed: State };

export async function main(): Promise<Result> {
  // The reference: the same steps, in this process, never interrupted.
  let uninterrupted = START;
  while (uninterrupted.i < STEPS) uninterrupted = step(uninterrupted);
  console.log(`uninterrupted: total = ${uninterrupted.total} after ` +
    `${STEPS} steps`);

  // Stop at each seeded point with SIGTERM (the first leg is warned
  // with SIGUSR2 halfway), then run to the end. Each leg is a new job.
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  const file = join(dir, 'checkpoint.json');
  try {
    const resumedFrom: number[] = [];
    let warnedAt = -1;
    for (const [n, stop] of [...STOPS, Infinity].entries()) {
      const warn = n === 0 ? Math.floor(stop / 2) : -1;
      const leg = await runLeg(new URL(import.meta.url), file, stop, warn);
      resumedFrom.push(leg.started);
      if (leg.warned >= 0) warnedAt = leg.warned;
      // The last leg ran to the end: compare it with the reference.
      const from = `leg ${n + 1}: i ${leg.started} -> `;
      if (leg.done) {
        console.log(`${from}${leg.done.i}, done: total = ${leg.done.total}`);
        const same = leg.done.total === uninterrupted.total;
        console.log(`same result as the uninterrupted run: ${same}`);
        return { stops: STOPS, resumedFrom, warnedAt, uninterrupted,
          resumed: leg.done };
      }
      // A stopped leg: where it stopped, and whether it was warned first.
      console.log(`${from}${stop}, SIGTERM: saved, quit` + (leg.warned >= 0
        ? ` (SIGUSR2 at ${leg.warned}: saved)` : ''));
    }
    throw new Error('the job never finished');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Forked as `job <file>`: the job; run as a script: the whole story.
if (process.argv[2] === 'job') job(process.argv[3]!);
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
