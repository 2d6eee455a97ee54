/**
 * The book's mergesort.py, for distributed/mergesort-flow: merge two
 * sorted lists, sort by halves, and a seeded shuffle of 0..size-1 to
 * sort. The recipe runs these in its worker processes and locally.
 */
import { randomInts } from '@cookbook/shared';

// Merge two sorted lists: take the smaller head until one runs out.
export function merge(left: number[], right: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  // `<=` takes the left one on a tie: equal keys keep their order.
  while (i < left.length && j < right.length) {
    out.push(left[i]! <= right[j]! ? left[i++]! : right[j++]!);
  }
  return out.concat(left.slice(i), right.slice(j));
}

// Sort each half, then merge them.
export function mergeSort(xs: number[]): number[] {
  if (xs.length <= 1) return xs;
  const middle = xs.length >> 1;
  return merge(mergeSort(xs.slice(0, middle)), mergeSort(xs.slice(middle)));
}

// A seeded Fisher-Yates shuffle of 0..size-1 (`random.shuffle`).
export function shuffled(size: number, seed = 42): number[] {
  const xs = Array.from({ length: size }, (_, i) => i);
  // Seeded, so every run (and the test) sorts the very same list.
  const draws = randomInts(size, 2_147_483_646, seed);
  for (let i = size - 1; i > 0; i--) {
    const j = draws[i]! % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

