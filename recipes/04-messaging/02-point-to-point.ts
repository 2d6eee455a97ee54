/**
 * Implementing point-to-point communication: send and recv
 *
 * @book    2e ch. 4 "Message Passing" › Implementing point-to-point
 *          communication
 * @book    1e ch. 3 "Process-based Parallelism" › Point-to-point
 *          communication
 * @python  Chapter04/pointToPointCommunication.py
 * @covers  M2
 * @ranks   9
 * @timeout 90000
 * @run     npm run recipe -- messaging/point-to-point
 * @see     messaging/deadlock — what goes wrong when both sides wait
 *
 * Nine ranks; rank 0 sends the number 10000000 to rank 4 and rank 1
 * sends "hello" to rank 8, with mpi4py's pickling `comm.send` and
 * `comm.recv`. Ours clone the value (structured clone, through a
 * SharedArrayBuffer ring between the two threads), so any plain data
 * travels: numbers, strings, arrays, objects, Maps. The other ranks only
 * say who they are.
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// The book needs at least 9 ranks: it talks to rank 8.
const RANKS = 9;

// ── Rank side ──────────────────────────────────────────────────────
// Each rank returns what it received (null if nothing), for the test.
async function pointToPoint(comm: Comm): Promise<unknown> {
  // Every rank says who it is; the nine lines come in any order.
  const rank = comm.rank;
  console.log(`my rank is : ${rank}`);

  // `send` returns once the message is on its way; it does not wait for
  // rank 4 to call `recv` (a small message is buffered, as in MPI).
  if (rank === 0) {
    const data = 10000000;
    const destinationProcess = 4;
    await comm.send(data, { dest: destinationProcess });
    console.log(`sending data ${data} to process ${destinationProcess}`);
  }
  // Rank 1 sends a string the same way; no type is declared anywhere.
  if (rank === 1) {
    const destinationProcess = 8;
    const data = 'hello';
    await comm.send(data, { dest: destinationProcess });
    console.log(`sending data ${data} :to process ${destinationProcess}`);
  }

  // `recv` names its source: it takes only rank 0's (or rank 1's)
  // message and waits until one arrives.
  if (rank === 4) {
    const data = await comm.recv<number>({ source: 0 });
    console.log(`data received is = ${data}`);
    return data;
  }
  // Rank 8 waits for rank 1's string in the same way.
  if (rank === 8) {
    const data1 = await comm.recv<string>({ source: 1 });
    console.log(`data1 received is = ${data1}`);
    return data1;
  }
  // The ranks that neither send nor receive are done at once.
  return null;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** received[r]: what rank r received, or null. */
  received: unknown[];
}

// One job of nine ranks; the result lists what each one received.
export async function main(): Promise<Result> {
  const received = await mpiRun(new URL(import.meta.url), RANKS);
  return { received };
}

// A rank runs `pointToPoint`; run directly, this file starts the ranks.
if (inRank()) await runRank(pointToPoint);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// my rank is : 0
// my rank is : 1
// my rank is : 2
// my rank is : 3
// my rank is : 4
// my rank is : 5
// my rank is : 6
// my rank is : 7
// my rank is : 8
// sending data 10000000 to process 4
// sending data hello :to process 8
// data received is = 10000000
// data1 received is = hello
