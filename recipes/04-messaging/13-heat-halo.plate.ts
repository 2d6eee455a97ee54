/**
 * The plate of messaging/heat-halo: its size, the heat equation's step,
 * the serial solver it is checked against, and how a quarter is cut out
 * of the plate and put back. None of this is about messages; the recipe
 * keeps the halo exchange.
 */

export const N = 64; // interior cells per side of the plate
export const STEPS = 200;
const ALPHA = 0.2; // stable for ALPHA <= 0.25
const HOT = 100; // the top edge

// The plate with its boundary ring: (N + 2) x (N + 2), row-major.
export function initial(): Float64Array {
  const plate = new Float64Array((N + 2) * (N + 2));
  plate.fill(HOT, 0, N + 2);
  return plate;
}

// One explicit step on the interior of a (rows + 2) x (cols + 2) block.
export function step(u: Float64Array, next: Float64Array, rows: number,
  cols: number): void {
  const w = cols + 2;
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      // Each cell moves toward the mean of its four neighbours.
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
  // Two plates, swapped each step: read one, write the other.
  for (let s = 0; s < STEPS; s++) {
    step(u, next, N, N);
    [u, next] = [next, u];
  }
  return u;
}

/** One quarter of a 2 x 2 split: its grid coordinates and its block. */
export interface Quarter { coords: number[]; block: Float64Array }

// The quarter at grid coordinates (pr, pc) of the initial plate, with a
// one-cell halo around it: (N/2 + 2) x (N/2 + 2).
export function cutQuarter(pr: number, pc: number): Float64Array {
  const plate = initial();
  const side = N / 2;
  const w = side + 2;
  return Float64Array.from({ length: w * w }, (_, k) =>
    plate[(pr * side + Math.floor(k / w)) * (N + 2) +
      pc * side + (k % w)]!);
}

// The quarters' interiors put back into one plate (the edges are fixed).
export function assemble(quarters: Quarter[]): Float64Array {
  const plate = initial();
  const [side, w] = [N / 2, N / 2 + 2];
  // Row by row: a quarter's interior row is contiguous in the plate.
  for (const { coords: [br, bc], block } of quarters) {
    for (let i = 1; i <= side; i++) {
      const at = (br! * side + i) * (N + 2) + bc! * side + 1;
      plate.set(block.subarray(i * w + 1, i * w + 1 + side), at);
    }
  }
  return plate;
}
