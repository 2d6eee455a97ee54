/**
 * Non-blocking communication: overlap computing with a transfer
 *
 * @book    2e ch. 4 "Message Passing" (beyond the book: it lists `isend`
 *          and `irecv` but never uses them)
 * @covers  none
 * @ranks   4
 * @timeout 60000
 * @run     npm run recipe -- messaging/nonblocking
 * @see     messaging/deadlock — blocking calls that wait for each other
 *
 * Each rank of a ring passes a 1M-item array to its right neighbour.
 * With `isend`/`irecv` a rank posts both, computes on its own data, and
 * only then waits, so the transfer and the work overlap. One thing
 * surprises people in real MPI as much as here: a message bigger than
 * the transport's buffer moves only while the rank is inside an MPI
 * call. So the compute loop calls `request.test()` between chunks: it
 * returns at once, and it keeps the bytes flowing.
 */
import {
  inRank, isEntry, mpiRun, Request, runRank, type Comm,
} from '@cookbook/shared/mpi';

// Four ranks in a ring; 1M float64 (8 MB) each, bigger than a ring
// buffer between two threads; the work comes in 64 chunks.
const RANKS = 4;
const ITEMS = 1 << 20;
const CHUNKS = 64;

// The work: a sum of square roots over our own array.
function work(data: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.sqrt(data[i]!);
  return sum;
}

// Rank r's array holds r * ITEMS + i, so the receiver can tell whose
// array it got from its first and last items.
const fill = (rank: number): Float64Array =>
  Float64Array.from({ length: ITEMS }, (_, i) => rank * ITEMS + i);

// What each rank hands back to the launcher for the test.
interface Report { left: number; firstLast: number[]; sum: number;
  doneAtChunk: number }

// ── Rank side ──────────────────────────────────────────────────────
async function overlap(comm: Comm): Promise<Report> {
  // Our neighbours on the ring, our data, and room for the left one's.
  const { rank, size } = comm;
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const mine = fill(rank);
  const incoming = new Float64Array(ITEMS);
  await comm.barrier(); // everyone is up: the transfers start together

  // Post both, then compute; test() between chunks moves the data.
  const requests = [comm.Irecv(incoming, { source: left }),
    comm.Isend(mine, { dest: right })];
  // We remember the chunk at which both requests first tested done.
  let sum = 0;
  let doneAtChunk = -1;
  // A chunk is 16384 items: test() runs 64 times during the transfer.
  const step = ITEMS / CHUNKS;
  for (let c = 0; c < CHUNKS; c++) {
    sum += work(mine, c * step, (c + 1) * step);
    if (doneAtChunk < 0 && requests.every((r) => r.test())) doneAtChunk = c;
  }
  // Whatever is left of the transfer finishes here.
  await Request.waitall<unknown>(requests);
  // Rank 0 reports; the chunk number depends on timing, so it varies.
  if (rank === 0) {
    const by = doneAtChunk < 0 ? CHUNKS : doneAtChunk + 1;
    console.log(`rank 0 has rank ${left}'s array; transfer done by ` +
      `chunk ${by} of ${CHUNKS}`);
  }
  // Whose array came in, its two ends, our sum, and when it was done.
  return { left, firstLast: [incoming[0]!, incoming[ITEMS - 1]!], sum,
    doneAtChunk };
}

// ── Main side ──────────────────────────────────────────────────────
// The test checks each rank got its left neighbour's array, whole, and
// that the overlapped sums equal the serial ones.
export interface Result {
  reports: Report[];
  /** The same sums, computed serially here. */
  serialSums: number[];
}

// Four ranks, then the serial reference for each rank's sum.
export async function main(): Promise<Result> {
  const reports = await mpiRun<Report>(new URL(import.meta.url), RANKS);
  // The serial reference adds the same chunks in the same order.
  const step = ITEMS / CHUNKS;
  const serialSums = reports.map((_, r) => {
    const data = fill(r);
    let sum = 0;
    for (let c = 0; c < CHUNKS; c++) {
      sum += work(data, c * step, (c + 1) * step);
    }
    return sum;
  });
  // Equal bit for bit: the same chunks, in the same order.
  const same = reports.every((rep, r) => rep.sum === serialSums[r]);
  console.log(`${RANKS} ranks passed ${ITEMS} items to the right; ` +
    `sums equal the serial ones: ${same}`);
  return { reports, serialSums };
}

// A rank runs `overlap`; run directly, this file starts the ranks.
if (inRank()) await runRank(overlap);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// rank 0 has rank 3's array; transfer done by chunk {*} of 64
// 4 ranks passed 1048576 items to the right; sums equal the serial ones: true
