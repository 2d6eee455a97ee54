/**
 * Avoiding deadlock problems: recv/recv, then reordered, then sendrecv
 *
 * @book    2e ch. 4 "Message Passing" › Avoiding deadlock problems
 * @book    1e ch. 3 "Process-based Parallelism" › Avoiding deadlock
 *          problems
 * @python  Chapter04/deadLockProblems.py
 * @covers  M3
 * @ranks   6
 * @timeout 120000
 * @run     npm run recipe -- messaging/deadlock
 * @see     messaging/point-to-point, messaging/nonblocking
 *
 * Ranks 1 and 5 swap a letter. In the book's first version both call
 * `recv` first and mpiexec hangs; our launcher aborts once every live
 * rank has waited in a receive for a bounded time, naming who waits for
 * whom. Then the book's fixes: one side sends first, and `sendrecv`.
 */
import {
  args, DeadlockError, inRank, isEntry, mpiRun, runRank,
  type Blocked, type Comm,
} from '@cookbook/shared/mpi';

// At least 6 ranks (the book talks to rank 5); the deadlock is reported
// after the ranks have been stuck this long.
const RANKS = 6;
const DEADLOCK_MS = 1_000;

// The book's broken version, its fix, and the collective-style fix.
type Variant = 'deadlock' | 'reordered' | 'sendrecv';
// The first job runs the deadlock; a second job runs both fixes.
type Job = 'deadlock' | 'fixes';

// ── Rank side ──────────────────────────────────────────────────────
// Rank 1 sends "a" to 5, rank 5 sends "b" to 1; each returns what it got.
async function swap(comm: Comm, variant: Variant): Promise<string | null> {
  // Only ranks 1 and 5 take part; the others have nothing to swap.
  const rank = comm.rank;
  if (rank !== 1 && rank !== 5) return null;
  const dataSend = rank === 1 ? 'a' : 'b';
  const other = rank === 1 ? 5 : 1;
  let dataReceived: string;
  if (variant === 'deadlock') {
    // Both wait for the other's message first: neither ever sends.
    dataReceived = await comm.recv<string>({ source: other });
    await comm.send(dataSend, { dest: other });
  } else if (variant === 'reordered') {
    // The book's fix: rank 5 sends first, so rank 1's recv can finish.
    if (rank === 5) await comm.send(dataSend, { dest: other });
    dataReceived = await comm.recv<string>({ source: other });
    if (rank === 1) await comm.send(dataSend, { dest: other });
  } else {
    // `sendrecv` posts the send and the receive together, so the order
    // no longer matters: neither side can block the other.
    dataReceived = await comm.sendrecv<string>(dataSend,
      { dest: other, source: other });
  }
  // The book's two prints, on one line so ranks do not interleave them.
  console.log(`${variant}: rank ${rank} sending data ${dataSend} ` +
    `to process ${other}, data received is = ${dataReceived}`);
  return dataReceived;
}

// The job comes from mpiRun's `args`; the first also prints every rank.
async function ranks(comm: Comm): Promise<(string | null)[]> {
  if (args<Job>() === 'deadlock') {
    console.log(`my rank is ${comm.rank}`);
    return [await swap(comm, 'deadlock')];
  }
  return [await swap(comm, 'reordered'), await swap(comm, 'sendrecv')];
}

// ── Main side ──────────────────────────────────────────────────────
// The test checks who waited for whom (in the first version, aborted) and
// what each fix delivered.
export interface Result {
  blocked: Blocked[];
  reordered: (string | null)[];
  sendrecv: (string | null)[];
}

// Each job with the short deadlock bound.
const run = (job: Job) => mpiRun<(string | null)[]>(new URL(import.meta.url),
  RANKS, { args: job, deadlockMs: DEADLOCK_MS });

export async function main(): Promise<Result> {
  // The first version never finishes; the launcher says why.
  let blocked: Blocked[] = [];
  try {
    await run('deadlock');
  } catch (error) {
    if (!(error instanceof DeadlockError)) throw error;
    console.log('deadlock detected:');
    // The message after "deadlock: " lists one waiting rank per "; ".
    for (const l of error.message.slice(10).split('; ')) console.log(`  ${l}`);
    blocked = error.blocked;
  }
  // Both fixes finish; each side gets the other's letter, others null.
  const fixes = await run('fixes');
  return {
    blocked,
    reordered: fixes.map(([r]) => r ?? null),
    sendrecv: fixes.map(([, s]) => s ?? null),
  };
}

// A rank runs `ranks`; run directly, this file starts the ranks.
if (inRank()) await runRank(ranks);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// my rank is 0
// my rank is 1
// my rank is 2
// my rank is 3
// my rank is 4
// my rank is 5
// deadlock detected:
//   rank 1 waits in recv(source=5, tag=ANY_TAG)
//   rank 5 waits in recv(source=1, tag=ANY_TAG)
// reordered: rank 1 sending data a to process 5, data received is = b
// reordered: rank 5 sending data b to process 1, data received is = a
// sendrecv: rank 1 sending data a to process 5, data received is = b
// sendrecv: rank 5 sending data b to process 1, data received is = a
