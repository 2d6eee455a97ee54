/**
 * Parallel pi with scatter and reduce
 *
 * @book    2e ch. 4 "Message Passing" (beyond the book: the classic
 *          first MPI program, `cpi.c` in MPICH's examples)
 * @covers  none
 * @ranks   4
 * @timeout 60000
 * @run     npm run recipe -- messaging/pi
 * @see     messaging/scatter, messaging/reduction
 *
 * pi is the integral of 4 / (1 + x²) from 0 to 1. We cut [0, 1) into
 * N strips and add up their midpoint areas. The root scatters one block
 * of strips to each rank, every rank sums its own block, and a reduce
 * with SUM adds the partial sums at the root: the two collectives the
 * book taught, put to work. The parallel sum adds in a different order
 * than the serial one, so the last bits may differ; ten digits agree.
 */
import {
  inRank, isEntry, mpiRun, runRank, SUM, type Comm,
} from '@cookbook/shared/mpi';

// Four ranks share the strips.
const RANKS = 4;
// How many strips in all.
const STRIPS = 10_000_000;

/** The area of strips [from, to) of `strips` equal strips of [0, 1). */
export function area(from: number, to: number, strips: number): number {
  const h = 1 / strips;
  let sum = 0;
  // The midpoint rule: each strip's height is taken at its middle.
  for (let i = from; i < to; i++) {
    const x = h * (i + 0.5);
    sum += 4 / (1 + x * x);
  }
  return sum * h;
}

// ── Rank side ──────────────────────────────────────────────────────
async function pi(comm: Comm): Promise<number | null> {
  const { rank, size } = comm;
  // The root cuts the strips into one [from, to) block per rank.
  const blocks = rank === 0
    ? Array.from({ length: size }, (_, r) => [
      Math.floor((r * STRIPS) / size), Math.floor(((r + 1) * STRIPS) / size),
    ] as [number, number])
    : null;
  const [from, to] = await comm.scatter(blocks, { root: 0 });

  // Each rank sums its block; reduce adds the partial sums at the root.
  // No rank needs another's strips: the only messages are the two
  // collectives, one small one out and one number back per rank.
  const partial = area(from, to, STRIPS);
  const total = await comm.reduce(partial, { op: SUM, root: 0 });
  return total ?? null;
}

// ── Main side ──────────────────────────────────────────────────────
// The test compares the parallel sum with the serial one and Math.PI.
export interface Result {
  parallel: number;
  serial: number;
}

// Only rank 0's return value matters: the reduced total.
export async function main(): Promise<Result> {
  const [parallel] = await mpiRun<number>(new URL(import.meta.url), RANKS);
  // The serial reference: the same strips, added in one loop.
  const serial = area(0, STRIPS, STRIPS);
  // Both to 10 places, beside Math.PI, to show how close the rule gets.
  console.log(`${RANKS} ranks, ${STRIPS} strips: pi = ` +
    `${parallel!.toFixed(10)}`);
  console.log(`serial: ${serial.toFixed(10)}, Math.PI: ` +
    `${Math.PI.toFixed(10)}`);
  return { parallel: parallel!, serial };
}

// A rank runs `pi`; run directly, this file starts the ranks.
if (inRank()) await runRank(pi);
else if (isEntry(import.meta.url)) await main();

// Output:
// 4 ranks, 10000000 strips: pi = 3.1415926536
// serial: 3.1415926536, Math.PI: 3.1415926536
