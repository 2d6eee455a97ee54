/**
 * Thread synchronization with a barrier
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with a barrier
 * @python  Chapter02/Barrier.py
 * @covers  T12
 * @run     npm run recipe -- threads/barrier
 * @see     threads/event, threads/lock-granularity
 *
 * Huey, Dewey and Louie run for different times and wait at a
 * `threading.Barrier(3)`; nobody goes on until all three have arrived.
 * Our Barrier (shared/src/sync/barrier.ts) counts arrivals under a
 * Mutex; the last one bumps a generation cell and wakes the others,
 * who sleep on that cell. The bump also starts the next round, so one
 * barrier serves the start line and two laps.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  blockingSleep, isEntry, runWorkers, workerInput,
} from '@cookbook/shared';
import { Barrier, type BarrierShared } from '@cookbook/shared/sync';

// The book sleeps randrange(2, 5) s; we fix each runner's time per lap.
const RUNNERS: Record<string, number[]> = {
  Huey: [90, 30],
  Dewey: [30, 60],
  Louie: [60, 90],
};
const LAPS = 2;

// A runner's job: its name, the barrier, and one shared ticket counter.
// The book prints clock times; we prove the order with logical tickets
// from that counter: on every lap, each ticket taken after the barrier
// is larger than each ticket taken before it.
interface Job { name: string; barrier: BarrierShared; tickets: Int32Array }

// A runner posts one Report as it reaches the barrier and one as it
// leaves, each with the ticket it took at that moment.
export interface Report {
  name: string; lap: number; event: 'arrived' | 'left'; ticket: number;
}

// ── Worker side ────────────────────────────────────────────────────
// Each runner waits at the start line, then runs its laps, meeting the
// others at the barrier at the end of each.
function run({ name, barrier: shared, tickets }: Job): void {
  const barrier = Barrier.from(shared);
  // Atomics.add hands out the next number, once: no two runners share it.
  const say = (lap: number, event: Report['event']): void => {
    const ticket = Atomics.add(tickets, 0, 1);
    parentPort?.postMessage({ name, lap, event, ticket } satisfies Report);
  };
  // The start line: a worker's start takes longer than a lap (see the
  // WorkerStartup suite), so we let the last one arrive before anyone
  // runs.
  barrier.wait();
  // Run the lap (sleep), "reach the barrier", wait for all, then leave.
  for (let lap = 1; lap <= LAPS; lap++) {
    blockingSleep(RUNNERS[name]?.[lap - 1] ?? 0);
    say(lap, 'arrived');
    barrier.wait();
    say(lap, 'left');
  }
}

// ── Main side ──────────────────────────────────────────────────────
// What main returns: every report, for the test to check the order.
export interface Result { reports: Report[] }

// Three runners share one barrier and one ticket counter.
export async function main(): Promise<Result> {
  const barrier = new Barrier(Object.keys(RUNNERS).length).shared;
  const tickets = new Int32Array(new SharedArrayBuffer(4));
  // runWorkers (shared/src/idioms.ts) starts all three at once and
  // gathers their reports; we announce the race while they run.
  const race = runWorkers<Job, Report>(new URL(import.meta.url),
    Object.keys(RUNNERS).map((name) => ({ name, barrier, tickets })));
  console.log('START RACE!!!!');
  const reports = await race;

  // Messages from different workers may arrive in any order; the
  // tickets say what really happened first.
  for (let lap = 1; lap <= LAPS; lap++) {
    const on = (event: Report['event']): Report[] => reports
      .filter((r) => r.lap === lap && r.event === event)
      .sort((a, b) => a.ticket - b.ticket);
    for (const r of on('arrived'))
      console.log(`lap ${lap}: ${r.name} reached the barrier`);
    // The barrier held if the last in came before the first out.
    const lastIn = Math.max(...on('arrived').map((r) => r.ticket));
    const firstOut = Math.min(...on('left').map((r) => r.ticket));
    console.log(`lap ${lap}: Race over! (last arrival ticket ${lastIn} ` +
      `< first departure ticket ${firstOut})`);
  }
  return { reports };
}

// In a worker this file runs one runner; as the entry, it runs main().
if (!isMainThread) run(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Arrivals follow the sleeps, but a busy machine may swap two runners,
// so the output check compares the lines in any order.
// Unordered output:
// START RACE!!!!
// lap 1: Dewey reached the barrier
// lap 1: Louie reached the barrier
// lap 1: Huey reached the barrier
// lap 1: Race over! (last arrival ticket 2 < first departure ticket 3)
// lap 2: Huey reached the barrier
// lap 2: Dewey reached the barrier
// lap 2: Louie reached the barrier
// lap 2: Race over! (last arrival ticket {*} < first departure ticket {*})
