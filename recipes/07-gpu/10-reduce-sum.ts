/**
 * Reducing 1..10000 on the device, and why float32 needs a tree
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › GPU programming with Numba
 * @python  Numba/reduceNumba.py
 * @covers  G10
 * @run     npm run recipe -- gpu/reduce-sum
 * @see     gpu/dot-product, gpu/wgsl-reduce
 *
 * The book sums the int64 vector 1..10000 with `@cuda.reduce` and prints
 * "result = 50005000". gpu.js has no integers: every value on the device
 * is a float32, with a 24-bit significand, so past 2^24 = 16777216 not
 * every integer exists and an addition may round. Summed one by one in
 * float32, 1..10000 rounds 2556 times and comes out 2104 short.
 * Summed as a tree (pairwise passes, as a GPU reduction does), the
 * partial sums stay balanced and this sum comes out exact. The cpu
 * backend hides all of this: it computes in float64 and only stores
 * float32.
 */
import { isEntry } from '@cookbook/shared';
import {
  choose,
  openGpu,
  ranOn,
  runEntry,
  type Choice,
} from './backends.ts';
// The pairwise reduction is gpu/dot-product's, reused rather than copied.
import { reducePairs } from './06-dot-product.ts';

// The book's vector: 1, 2, ..., 10000.
export const N = 10_000;

// One thread adding every element in turn: the float32 running sum. The
// bound comes in as a constant because a kernel's loop must be bounded.
function sumInOrder(this: { thread: { x: number }; constants: { n: number } },
  v: number[]): number {
  let sum = 0;
  for (let i = 0; i < this.constants.n; i++) sum += v[i]!;
  return sum;
}

// The same two orders in float32 on the CPU: Math.fround rounds each
// addition as float32 hardware does; we count the additions that round.
export function emulateF32(values: number[]): { inOrder: number;
  tree: number; roundedInOrder: number } {
  // In order: round after each addition and note when rounding changed it.
  let inOrder = 0;
  let roundedInOrder = 0;
  for (const v of values) {
    const next = Math.fround(inOrder + v);
    if (next !== inOrder + v) roundedInOrder++;
    inOrder = next;
  }
  // As a tree: pair neighbours level by level, as reducePairs's passes do
  // (an odd last element pairs with 0).
  let level = values;
  while (level.length > 1) {
    level = Array.from({ length: Math.ceil(level.length / 2) },
      (_, i) => Math.fround(level[2 * i]! + (level[2 * i + 1] ?? 0)));
  }
  return { inOrder, tree: level[0]!, roundedInOrder };
}

// The test checks the tree sum is exact and the device's in-order sum
// equals the float32 emulation (cpu, float64 inside, gets it exact).
export interface Result {
  ranOn: string;
  tree: number;
  inOrder: number;
  emulated: ReturnType<typeof emulateF32>;
}

export async function main(choice?: Choice): Promise<Result> {
  // The book's numpy.arange(10000) + 1 is int64; JS numbers are float64
  // here and become float32 only when handed to the kernel.
  const { backend } = await choose(choice);
  const vector = Array.from({ length: N }, (_, i) => i + 1);
  const gpu = await openGpu(backend);
  // Destroy the context in `finally`: it holds native graphics resources.
  try {
    // Numba's @cuda.reduce builds a tree for us; we run explicit passes.
    const { sum: tree, passes } = await reducePairs(gpu, vector);
    // WebGL unrolls loops up to a bound; ours runs N times.
    const loop = gpu.createKernel(sumInOrder, { constants: { n: N } })
      .setLoopMaxIterations(N).setOutput([1]);
    // One thread does all N additions: the slow, serial order, kept only
    // to show what the order does to a float32 sum.
    const inOrder = ((await loop(vector)) as Float32Array)[0]!;
    // The same two orders on the CPU, to show the device is not at fault.
    const emulated = emulateF32(vector);
    // The book prints only the first two lines; the rest is the lesson.
    console.log(`vector to reduce = [1 2 3 ... ${N}]`);
    console.log(`result = ${tree} (tree of ${passes} passes, `
      + `${ranOn(loop)})`);
    console.log(`one thread, in order: ${inOrder}`);
    console.log(`float32 on the CPU: in order ${emulated.inOrder} `
      + `(${emulated.roundedInOrder} additions rounded),`);
    console.log(`  as a tree ${emulated.tree}`);
    return { ranOn: ranOn(loop), tree, inOrder, emulated };
  } finally {
    await gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// vector to reduce = [1 2 3 ... 10000]
// result = 50005000 (tree of 14 passes, {*})
// one thread, in order: {*}
// float32 on the CPU: in order 50002896 (2556 additions rounded),
//   as a tree 50005000
