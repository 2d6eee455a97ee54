/**
 * A generalised matrix multiply: the output shape comes from the inputs
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › GPU programming with Numba
 * @book    1e ch. 6 "GPU Programming with Python" › GPU programming with
 *          NumbaPro
 * @python  Numba/matMulNumba.py
 * @covers  G7
 * @run     npm run recipe -- gpu/gufunc-matmul
 *
 * Numba's `@guvectorize` declares the layout `(m,n),(n,p)->(m,p)` and
 * sizes C from A and B at each call (the 2nd edition gives no target, so
 * its matmul runs on the CPU). A gpu.js kernel built with `dynamicOutput`
 * does the same: we read m, n and p from the arguments, check the inner
 * sizes agree, as Numba's signature does, and size the output per call.
 * The book's 10x10 integers 0..9 give products float32 holds exactly.
 */
import { isEntry, randomInts } from '@cookbook/shared';
import type { GPU } from 'gpu.js';
import { choose, openGpu, ranOn, runEntry, type Choice } from './backends.ts';
import { formatMatrix, matmul64, rows } from './check.ts';

// The book's `dim`: 10x10 matrices of random integers below 10.
export const DIM = 10;

// C[i][j] = sum over k < n of A[i][k] * B[k][j]; n arrives at run time.
function matmul(this: { thread: { x: number; y: number } }, a: number[][],
  b: number[][], n: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += a[this.thread.y]![k]! * b[k]![this.thread.x]!;
  }
  return sum;
}

// (m,n),(n,p)->(m,p): one kernel, compiled once, sized at each call.
export function gufunc(gpu: GPU) {
  // gpu.js compiles sizes into a kernel; these flags let them vary.
  const kernel = gpu.createKernel(matmul, { dynamicOutput: true,
    dynamicArguments: true }).setOutput([1, 1]);
  return async (a: number[][], b: number[][]) => {
    // The shapes, as Numba reads them from the arrays; n must agree.
    const [m, n, p] = [a.length, b.length, b[0]?.length ?? 0];
    if (a[0]?.length !== n) {
      throw new Error(`shapes (${m},${a[0]?.length}),(${n},${p}) `
        + 'do not match (m,n),(n,p)');
    }
    // Size this call's output (gpu.js puts x first: columns, rows).
    kernel.setOutput([p, m]);
    const c = (await kernel(a, b, n)) as Float32Array[];
    return { c: c.map((r) => [...r]), ranOn: ranOn(kernel) };
  };
}

// The backend, the book's product, a 3x4 by 4x2 product through the
// same kernel (a 3x2 result), and whether C equals the CPU's product.
export type Result = { ranOn: string; c: number[][]; rect: number[][];
  exact: boolean };

export async function main(choice?: Choice): Promise<Result> {
  // The backend asked for (or the best), the book's seeded matrices.
  const { backend } = await choose(choice);
  const a = rows(randomInts(DIM * DIM, 9, 71), DIM);
  const b = rows(randomInts(DIM * DIM, 9, 72), DIM);
  const gpu = await openGpu(backend);
  try {
    // The book's square product, then a rectangular one: same kernel.
    const mm = gufunc(gpu);
    const { c, ranOn: ran } = await mm(a, b);
    const rect = (await mm(rows(randomInts(12, 9, 73), 4),
      rows(randomInts(8, 9, 74), 2))).c;
    // Integers 0..9 summed ten times: float32 must give them exactly.
    const exact = JSON.stringify(c) === JSON.stringify(matmul64(a, b));
    // Print as the book does: A, B and C, each under its title.
    for (const [title, m] of [['INPUT MATRIX A', a], ['INPUT MATRIX B', b],
      ['RESULT MATRIX C = A*B', c]] as const) {
      console.log(`${title}\n:\n${formatMatrix(m, 0)}`);
    }
    // Which backend ran, and the shape the rectangular call gave back.
    console.log(`ran on ${ran}; equal to the CPU product: ${exact}`);
    console.log(`same kernel, (3,4),(4,2) -> (${rect.length},`
      + `${rect[0]?.length})`);
    return { ranOn: ran, c, rect, exact };
  } finally {
    await gpu.destroy();
  }
}

// Run as a script: the backend from argv; a missing one is one line.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// INPUT MATRIX A
// :
// [[1 2 2 6 5 2 9 9 5 7]
//  [9 4 0 0 9 7 5 4 6 9]
//  [5 5 9 5 9 2 3 0 7 7]
//  [1 9 0 2 0 5 0 5 3 3]
//  [1 2 3 4 4 5 6 7 6 5]
//  [2 2 4 2 0 1 7 0 3 7]
//  [4 2 2 8 4 6 5 5 4 2]
//  [1 3 3 8 5 6 8 7 0 3]
//  [3 6 1 3 0 7 2 6 0 6]
//  [7 0 1 5 8 8 3 6 6 9]]
// INPUT MATRIX B
// :
// [[2 6 1 6 9 5 3 4 6 1]
//  [0 4 7 2 2 6 7 1 2 7]
//  [7 0 2 5 6 3 3 3 5 7]
//  [7 1 0 9 6 2 9 9 0 8]
//  [3 7 3 4 9 1 7 5 0 8]
//  [2 1 2 1 7 6 1 3 7 7]
//  [1 1 0 0 2 7 3 4 5 8]
//  [0 7 3 8 2 0 9 6 1 3]
//  [5 5 8 6 8 6 8 2 0 8]
//  [9 4 6 3 4 9 2 4 4 9]]
// RESULT MATRIX C = A*B
// :
// [[174 182 147 219 224 208 276 225 116 333]
//  [175 239 192 200 321 272 242 198 176 339]
//  [240 186 187 231 324 239 266 202 142 372]
//  [ 68 111 131 114 120 138 164  94  76 181]
//  [154 156 142 189 220 191 234 184 117 297]
//  [133  73  92  94 131 174 110 105 106 210]
//  [145 142 105 202 238 171 234 200 118 275]
//  [141 136  94 190 210 172 239 217 128 301]
//  [104 120 115 135 152 170 160 137 124 213]
//  [210 222 169 243 329 242 262 236 160 345]]
// ran on {*}; equal to the CPU product: true
// same kernel, (3,4),(4,2) -> (3,2)
