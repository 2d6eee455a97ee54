/**
 * Halo exchange on a Cartesian grid: the 2-D heat equation
 *
 * @book    2e ch. 4 "Message Passing" › Optimizing communication (beyond
 *          the book: what a Cartesian topology is for)
 * @covers  none
 * @ranks   4
 * @timeout 60000
 * @run     npm run recipe -- messaging/heat-halo
 * @see     messaging/virtual-topology — the grid and its shifts
 *
 * A square plate, its top edge held at 100 degrees and the others at 0,
 * warms step by step. Four ranks on a 2 x 2 Cartesian grid each own a
 * quarter of it plus a one-cell "halo". Before every step a rank sends
 * its edges to the neighbours `shift` names and receives theirs into
 * its halo; at the plate's edge the neighbour is PROC_NULL and the halo
 * keeps the fixed boundary. So the plate equals the serial one exactly.
 */
import {
  inRank, isEntry, mpiRun, Request, runRank, type Comm,
} from '@cookbook/shared/mpi';
// The plate, the heat step and the serial solver are in a sibling file.
import {
  assemble, cutQuarter, N, serial, step, STEPS, type Quarter,
} from './13-heat-halo.plate.ts';

// Four ranks, one per quarter of the plate.
const RANKS = 4;

// ── Rank side ──────────────────────────────────────────────────────
async function heat(comm: Comm): Promise<Quarter> {
  // A 2 x 2 mesh (not periodic): the plate has real edges.
  const cart = (await comm.createCart([2, 2]))!;
  const [pr, pc] = cart.coords as [number, number];
  const [rows, cols] = [N / 2, N / 2];
  const w = cols + 2;
  // Our quarter of the initial plate, halo included, twice (u and next).
  let u = cutQuarter(pr, pc);
  let next = cutQuarter(pr, pc);
  // Our neighbours; PROC_NULL (-1) on the plate's edge.
  const [up, down] = cart.shift(0, 1);
  const [left, right] = cart.shift(1, 1);

  // Rows are contiguous: we send views. Columns are strided: we pack.
  const column = (j: number): Float64Array =>
    Float64Array.from({ length: rows }, (_, i) => u[(i + 1) * w + j]!);
  const unpack = (col: Float64Array, j: number): void => {
    col.forEach((v, i) => (u[(i + 1) * w + j] = v));
  };
  const inLeft = new Float64Array(rows);
  const inRight = new Float64Array(rows);
  // Our edges go out first (non-blocking), then the neighbours' edges
  // come into our halo; a receive from PROC_NULL returns at once and
  // leaves the fixed boundary in place. The tag says which edge it is.
  async function exchangeHalo(): Promise<void> {
    // Out: top row up (tag 1), bottom row down (2), columns left (3) and
    // right (4). A send to PROC_NULL is done at once.
    const sends = [
      cart.Isend(u.subarray(w + 1, w + 1 + cols), { dest: up, tag: 1 }),
      cart.Isend(u.subarray(rows * w + 1, rows * w + 1 + cols),
        { dest: down, tag: 2 }),
      cart.Isend(column(1), { dest: left, tag: 3 }),
      cart.Isend(column(cols), { dest: right, tag: 4 }),
    ];
    // In: the row below us is our down neighbour's top row (tag 1), the
    // row above us is our up neighbour's bottom row (tag 2).
    const bottom = (rows + 1) * w + 1;
    await cart.Recv(u.subarray(bottom, bottom + cols),
      { source: down, tag: 1 });
    await cart.Recv(u.subarray(1, 1 + cols), { source: up, tag: 2 });
    // Columns arrive packed and are unpacked into the halo's side columns.
    if (right >= 0) {
      unpack(await cart.Recv(inRight, { source: right, tag: 3 }), cols + 1);
    }
    if (left >= 0) unpack(await cart.Recv(inLeft, { source: left, tag: 4 }), 0);
    // Our edges are overwritten by the next step: the sends must be done.
    await Request.waitall<unknown>(sends);
  }

  // Every step needs the neighbours' latest edges, so: exchange, step.
  for (let s = 0; s < STEPS; s++) {
    await exchangeHalo();
    step(u, next, rows, cols);
    [u, next] = [next, u];
  }

  // Each rank hands its quarter back to the launcher, halo included.
  return { coords: [pr, pc], block: u };
}

// ── Main side ──────────────────────────────────────────────────────
// The test compares the gathered plate with the serial one, cell by cell.
export interface Result { parallel: Float64Array; serial: Float64Array }

export async function main(): Promise<Result> {
  const quarters = await mpiRun<Quarter>(new URL(import.meta.url), RANKS);
  // We put the quarters' interiors back into one plate.
  const parallel = assemble(quarters);
  // The serial solver on the whole plate: every cell must be identical.
  const reference = serial();
  const maxDiff = reference.reduce(
    (most, v, k) => Math.max(most, Math.abs(v - parallel[k]!)), 0);
  // A probe near the centre, then the difference: it must print 0.
  const centre = parallel[(N / 2) * (N + 2) + N / 2]!;
  console.log(`${N} x ${N} plate, ${STEPS} steps on a 2 x 2 grid of ranks`);
  console.log(`temperature near the centre: ${centre.toFixed(6)}`);
  console.log(`max |parallel - serial| = ${maxDiff}`);
  return { parallel, serial: reference };
}

// A rank runs `heat`; run directly, this file starts the ranks.
if (inRank()) await runRank(heat);
else if (isEntry(import.meta.url)) await main();

// Output:
// 64 x 64 plate, 200 steps on a 2 x 2 grid of ranks
// temperature near the centre: {*}
// max |parallel - serial| = 0
