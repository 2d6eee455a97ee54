/**
 * Collective communication using the gather function
 *
 * @book    2e ch. 4 "Message Passing" › Collective communication using
 *          the gather function
 * @book    1e ch. 3 "Process-based Parallelism" › Collective
 *          communication using gather
 * @python  Chapter04/gather.py
 * @covers  M6
 * @ranks   5
 * @timeout 60000
 * @run     npm run recipe -- messaging/gather
 * @see     messaging/scatter — the way out
 *
 * Every rank computes (rank + 1)² and `comm.gather(data, root=0)`
 * brings all five to rank 0 as a list in rank order, whatever order the
 * ranks finished in; the other ranks get None (here: undefined). The
 * root prints what came from each other rank.
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// The 1st edition's run uses 5 ranks.
const RANKS = 5;

// ── Rank side ──────────────────────────────────────────────────────
async function gather(comm: Comm): Promise<number[] | null> {
  // Each rank's own number: the square of its rank plus one.
  const { rank, size } = comm;
  const data = (rank + 1) ** 2;
  // Everyone calls gather; the root receives from each rank in turn,
  // so the list is in rank order however the messages arrived.
  const all = await comm.gather(data, { root: 0 });
  // Only the root gets the list.
  if (rank === 0 && all) {
    console.log(`rank = ${rank} ...receiving data to other process`);
    for (let i = 1; i < size; i++) {
      console.log(` process ${rank} receiving ${all[i]} from process ${i}`);
    }
  }
  return all ?? null;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** What each rank's gather returned: the list at 0, null elsewhere. */
  gathered: (number[] | null)[];
}

// Five ranks; rank 0 returns the list, the others null.
export async function main(): Promise<Result> {
  return { gathered: await mpiRun(new URL(import.meta.url), RANKS) };
}

// A rank runs `gather`; run directly, this file starts the ranks.
if (inRank()) await runRank(gather);
else if (isEntry(import.meta.url)) await main();

// Output:
// rank = 0 ...receiving data to other process
//  process 0 receiving 4 from process 1
//  process 0 receiving 9 from process 2
//  process 0 receiving 16 from process 3
//  process 0 receiving 25 from process 4
