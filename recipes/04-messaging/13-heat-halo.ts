/**
 * Halo exchange on a Cartesian grid: the 2-D heat equation
 *
 * @book    2e ch. 4 "Message Passing" › Optimizing communication (beyond
 *          the book: what a Cartesian topology is for)
 * @covers  none
 * @ranks   4
 * @run     npm run recipe -- messaging/heat-halo
 * @see     messaging/virtual-topology — the grid and its shifts
 *
 * A square plate, its top edge held at 100 degrees and the other edges
 * at 0, warms step by step: each cell moves toward the mean of its four
 * neighbours. Four ranks on a 2 x 2 Cartesian grid each own a quarter
 * of the plate plus a one-cell "halo" around it. Before every step a
 * rank sends its edge rows and columns to the neighbours `shift` names
 * and receives theirs into its halo; at the plate's edge the neighbour
 * is PROC_NULL, the exchange does nothing, and the halo keeps the fixed
 * boundary. Each cell does the same arithmetic as in the serial solver,
 * so the gathered plate equals the serial one bit for bit.
 */
import { isEntry } from '@cookbook/shared';
import {
  inRank,
  mpiRun,
  Request,
  runRank,
  type Comm,
} from '@cookbook/shared/mpi';

const RANKS = 4;
const N = 64; // interior cells per side of the plate
const STEPS = 200;
const ALPHA = 0.2; // stable for ALPHA <= 0.25
const HOT = 100; // the top edge

// The plate with its boundary ring: (N + 2) x (N + 2), row-major.
function initial(): Float64Array {
  const plate = new Float64Array((N + 2) * (N + 2));
  plate.fill(HOT, 0, N + 2);
  return plate;
}

// One explicit step on the interior of a (rows + 2) x (cols + 2) block.
function step(u: Float64Array, next: Float64Array, rows: number,
  cols: number): void {
  const w = cols + 2;
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      const c = i * w + j;
      next[c] = u[c]! + ALPHA * (u[c - w]! + u[c + w]! + u[c - 1]! +
        u[c + 1]! - 4 * u[c]!);
    }
  }
}

/** The serial solver: the reference. */
export function serial(): Float64Array {
  let u = initial();
  let next = initial();
  for (let s = 0; s < STEPS; s++) {
    step(u, next, N, N);
    [u, next] = [next, u];
  }
  return u;
}

// ── Rank side ──────────────────────────────────────────────────────
async function heat(comm: Comm): Promise<Float64Array | null> {
  const cart = (await comm.createCart([2, 2]))!;
  const [pr, pc] = cart.coords as [number, number];
  const rows = N / 2;
  const cols = N / 2;
  const w = cols + 2;
  // Our block of the initial plate, halo included, twice (u and next).
  const plate = initial();
  const block = (): Float64Array => Float64Array.from(
    { length: (rows + 2) * w },
    (_, k) => plate[(pr * rows + Math.floor(k / w)) * (N + 2) +
      pc * cols + (k % w)]!);
  let u = block();
  let next = block();
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
  async function exchangeHalo(): Promise<void> {
    const sends = [
      cart.Isend(u.subarray(w + 1, w + 1 + cols), { dest: up, tag: 1 }),
      cart.Isend(u.subarray(rows * w + 1, rows * w + 1 + cols),
        { dest: down, tag: 2 }),
      cart.Isend(column(1), { dest: left, tag: 3 }),
      cart.Isend(column(cols), { dest: right, tag: 4 }),
    ];
    const bottom = (rows + 1) * w + 1;
    await cart.Recv(u.subarray(bottom, bottom + cols),
      { source: down, tag: 1 });
    await cart.Recv(u.subarray(1, 1 + cols), { source: up, tag: 2 });
    if (right >= 0) unpack(await cart.Recv(inRight, { source: right, tag: 3 }),
      cols + 1);
    if (left >= 0) unpack(await cart.Recv(inLeft, { source: left, tag: 4 }), 0);
    await Request.waitall<unknown>(sends);
  }

  for (let s = 0; s < STEPS; s++) {
    await exchangeHalo();
    step(u, next, rows, cols);
    [u, next] = [next, u];
  }

  // Every rank sends its interior; the root puts the plate together.
  const mine = Float64Array.from({ length: rows * cols },
    (_, k) => u[(Math.floor(k / cols) + 1) * w + (k % cols) + 1]!);
  const all = cart.rank === 0 ? new Float64Array(RANKS * rows * cols) : null;
  await cart.Gather(mine, all, { root: 0 });
  if (all === null) return null;
  for (let r = 0; r < RANKS; r++) {
    const [br, bc] = cart.getCoords(r) as [number, number];
    for (let k = 0; k < rows * cols; k++) {
      plate[(br * rows + Math.floor(k / cols) + 1) * (N + 2) +
        bc * cols + (k % cols) + 1] = all[r * rows * cols + k]!;
    }
  }
  return plate;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  parallel: Float64Array;
  serial: Float64Array;
}

export async function main(): Promise<Result> {
  const [parallel] = await mpiRun<Float64Array>(new URL(import.meta.url),
    RANKS);
  const reference = serial();
  let maxDiff = 0;
  reference.forEach((v, k) => {
    maxDiff = Math.max(maxDiff, Math.abs(v - parallel![k]!));
  });
  const centre = parallel![(N / 2) * (N + 2) + N / 2]!;
  console.log(`${N} x ${N} plate, ${STEPS} steps on a 2 x 2 grid of ranks`);
  console.log(`temperature near the centre: ${centre.toFixed(6)}`);
  console.log(`max |parallel - serial| = ${maxDiff}`);
  return { parallel: parallel!, serial: reference };
}

if (inRank()) await runRank(heat);
else if (isEntry(import.meta.url)) await main();

// Output:
// 64 x 64 plate, 200 steps on a 2 x 2 grid of ranks
// temperature near the centre: {*}
// max |parallel - serial| = 0
