/**
 * Host to device and back: a kernel that doubles a 5x5 matrix
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Heterogeneous programming
 *          with PyCUDA
 * @book    1e ch. 6 "GPU Programming with Python" › How to build a PyCUDA
 *          application
 * @python  PyCUDA/heterogenousPycuda.py
 * @covers  G2
 * @run     npm run recipe -- gpu/double-matrix
 *
 * The book allocates device memory (`mem_alloc`), copies the matrix in
 * (`memcpy_htod`), launches `doubles_matrix` on a 5x5 block of threads
 * that double the matrix in place, and copies it back (`memcpy_dtoh`).
 * Book bug, fixed here: its kernel computes `threadIdx.x +
 * threadIdx.y*4`, a row stride of 4 on a 5-wide matrix, so four cells
 * are never doubled and four are doubled by two threads at once (a data
 * race). gpu.js cannot make that mistake: a kernel never writes into
 * memory, each thread *returns* its own output cell, and a 2-D input is
 * indexed `a[y][x]` with the stride worked out for us. The copies are
 * implicit: calling the kernel uploads, the returned rows are the
 * download.
 */
import { isEntry } from '@cookbook/shared';
import {
  choose,
  openGpu,
  ranOn,
  runEntry,
  type Choice,
} from './backends.ts';
import { formatMatrix, maxAbsDiff, rows, seededFloats } from './check.ts';

// The book's 5x5 matrix of float32 (random there, seeded here so the
// printed matrices match the `// Output:` block).
export const SIZE = 5;
const SEED = 8;

// The book's kernel, thread by thread: which cell does each thread hit?
// We replay its indexing on the CPU to count the hits per cell.
export function bookStrideHits(width: number, stride: number): number[] {
  // Every thread of the width x width block adds one hit to the cell its
  // index x + y * stride names; a stride below the width overlaps rows.
  const hits = new Array<number>(width * width).fill(0);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) hits[x + y * stride]! += 1;
  }
  return hits;
}

// The fixed kernel: thread (x, y) returns double the cell it owns. No
// pointer, no index arithmetic: the output cell is the thread's identity.
function doublesMatrix(this: { thread: { x: number; y: number } },
  a: number[][]): number {
  return a[this.thread.y]![this.thread.x]! * 2;
}

// The test checks the doubling is exact and the book's bad cells by index.
export interface Result {
  ranOn: string;
  original: number[][];
  doubled: number[][];
  /** max |doubled - 2 * original|: exact in float32. */
  error: number;
  neverDoubled: number[];
  doubledTwice: number[];
}

export async function main(choice?: Choice): Promise<Result> {
  // Choose the backend and make the input on the host, as numpy.random does.
  const { backend } = await choose(choice);
  const original = rows(seededFloats(SIZE * SIZE, SEED), SIZE);

  // What the book's stride of 4 does to a 5-wide matrix.
  const hits = bookStrideHits(SIZE, 4);
  const neverDoubled = [...hits.keys()].filter((i) => hits[i] === 0);
  const doubledTwice = [...hits.keys()].filter((i) => hits[i]! > 1);

  // One output cell per thread, on a 5x5 grid like the book's block.
  const gpu = await openGpu(backend);
  // Destroy the context in `finally`: it holds native graphics resources.
  try {
    // Calling the kernel is memcpy_htod, launch and memcpy_dtoh in one;
    // it returns one Float32Array per row.
    const kernel = gpu.createKernel(doublesMatrix).setOutput([SIZE, SIZE]);
    const out = (await kernel(original)) as Float32Array[];
    const doubled = out.map((r) => Array.from(r));
    // The reference: doubling is exact in float32, so the error must be 0.
    const want = original.map((r) => r.map((v) => 2 * v));
    const result = { ranOn: ranOn(kernel), original, doubled,
      error: maxAbsDiff(doubled, want), neverDoubled, doubledTwice };

    // The book's before and after, then what its stride bug would have hit.
    console.log('ORIGINAL MATRIX');
    console.log(formatMatrix(original));
    console.log(`DOUBLED MATRIX AFTER gpu.js EXECUTION (${result.ranOn})`);
    console.log(formatMatrix(doubled));
    console.log(`max |doubled - 2 x original| = ${result.error}`);
    console.log(`book's stride 4: cells ${neverDoubled.join(', ')} never `
      + 'doubled;');
    console.log(`  cells ${doubledTwice.join(', ')} raced by two threads`);
    return result;
  } finally {
    await gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// ORIGINAL MATRIX
// [[ 0.0720 -0.7680 -0.6970 -1.7600  1.6580]
//  [-1.9540  0.3960  0.3040  0.8170  1.5340]
//  [ 0.4600  1.7610  0.3030  1.5380  0.0270]
//  [-0.1680  1.2080 -0.8070 -0.2430 -0.1380]
//  [-0.5700  1.3330 -0.0790  0.2380 -0.3680]]
// DOUBLED MATRIX AFTER gpu.js EXECUTION ({*}Kernel)
// [[ 0.1440 -1.5360 -1.3940 -3.5200  3.3160]
//  [-3.9080  0.7920  0.6080  1.6340  3.0680]
//  [ 0.9200  3.5220  0.6060  3.0760  0.0540]
//  [-0.3360  2.4160 -1.6140 -0.4860 -0.2760]
//  [-1.1400  2.6660 -0.1580  0.4760 -0.7360]]
// max |doubled - 2 x original| = 0
// book's stride 4: cells 21, 22, 23, 24 never doubled;
//   cells 4, 8, 12, 16 raced by two threads
