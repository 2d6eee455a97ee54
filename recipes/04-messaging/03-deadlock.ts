/**
 * Avoiding deadlock problems: recv/recv, then reordered, then sendrecv
 *
 * @book    2e ch. 4 "Message Passing" › Avoiding deadlock problems
 * @book    1e ch. 3 "Process-based Parallelism" › Avoiding deadlock
 *          problems
 * @python  Chapter04/deadLockProblems.py
 * @covers  M3
 * @ranks   6
 * @timeout 60000
 * @run     npm run recipe -- messaging/deadlock
 * @see     messaging/point-to-point, messaging/nonblocking
 *
 * Ranks 1 and 5 swap a letter. In the book's first version both call
 * `recv` before `send`, so each waits for the other forever and mpiexec
 * just hangs. Our launcher watches the ranks instead: when every live
 * rank sleeps in a receive, no message is in flight and nothing moved
 * for a bounded time, it aborts the job and names who waits for whom,
 * with the tags. Then the two fixes the book gives: one side sends
 * first (the code in the book's repository), and `sendrecv`.
 */
import { isEntry } from '@cookbook/shared';
import {
  args,
  DeadlockError,
  inRank,
  mpiRun,
  runRank,
  type Blocked,
  type Comm,
} from '@cookbook/shared/mpi';

// At least 6 ranks (the book talks to rank 5); the deadlock is reported
// after the ranks have been stuck this long.
const RANKS = 6;
const DEADLOCK_MS = 1_000;

type Variant = 'deadlock' | 'reordered' | 'sendrecv';

// ── Rank side ──────────────────────────────────────────────────────
// Rank 1 sends "a" to 5, rank 5 sends "b" to 1; each returns what it got.
async function swap(comm: Comm): Promise<string | null> {
  const variant = args<Variant>();
  const rank = comm.rank;
  if (variant === 'deadlock') console.log(`my rank is ${rank}`);
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
    if (rank === 1) {
      dataReceived = await comm.recv<string>({ source: other });
      await comm.send(dataSend, { dest: other });
    } else {
      await comm.send(dataSend, { dest: other });
      dataReceived = await comm.recv<string>({ source: other });
    }
  } else {
    // `sendrecv` posts the send and the receive together.
    dataReceived = await comm.sendrecv<string>(dataSend,
      { dest: other, source: other });
  }
  console.log(`${variant}: rank ${rank} sending data ${dataSend} ` +
    `to process ${other}, data received is = ${dataReceived}`);
  return dataReceived;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** Who waited for whom when the first version was aborted. */
  blocked: Blocked[];
  reordered: (string | null)[];
  sendrecv: (string | null)[];
}

const run = (variant: Variant): Promise<(string | null)[]> =>
  mpiRun(new URL(import.meta.url), RANKS,
    { args: variant, deadlockMs: DEADLOCK_MS });

export async function main(): Promise<Result> {
  // The first version never finishes; the launcher says why.
  let blocked: Blocked[] = [];
  try {
    await run('deadlock');
  } catch (error) {
    if (!(error instanceof DeadlockError)) throw error;
    console.log('deadlock detected:');
    for (const line of error.message.slice(10).split('; ')) {
      console.log(`  ${line}`);
    }
    blocked = error.blocked;
  }
  const reordered = await run('reordered');
  const sendrecv = await run('sendrecv');
  return { blocked, reordered, sendrecv };
}

if (inRank()) await runRank(swap);
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
