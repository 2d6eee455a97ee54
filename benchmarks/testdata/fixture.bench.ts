/**
 * A fixture for the harness's own tests: two cheap suites, one with a
 * Python peer. Not a recipe; run it with
 * `npm run bench -- benchmarks/testdata/fixture.bench.ts`.
 */
import { smokeSize, suite } from '@cookbook/bench';

// Sizes shrink under BENCH_SMOKE=1 so the smoke test stays fast.
const LENGTH = smokeSize(2_000, 200);
const ARRAYS = 5;
const LIMIT = smokeSize(50_000, 5_000);

// A fixed-seed generator: every variant sorts the same numbers.
function numbers(seed: number): number[] {
  let x = seed;
  return Array.from({ length: LENGTH }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x;
  });
}

function insertionSort(xs: number[]): number[] {
  for (let i = 1; i < xs.length; i++) {
    const v = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > v) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = v;
  }
  return xs;
}

// Each run sorts ARRAYS arrays; `ops` makes the table show time per sort.
function sortAll(sort: (xs: number[]) => number[]): number[][] {
  return Array.from({ length: ARRAYS }, (_, i) => sort(numbers(i + 1)));
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 0; n < limit; n++) if (isPrime(n)) count++;
  return count;
}

const poolScript = new URL('../peers/python/pool_cpu.py', import.meta.url);

export default [
  suite('Sort', {
    // Compare a checksum, not 10,000 numbers.
    answer: (r) => (r as number[][]).map((xs) => xs[0]! + xs[xs.length - 1]!),
    meta: { length: LENGTH },
  })
    .add('impl=builtin', () => sortAll((xs) => xs.sort((a, b) => a - b)),
      { ops: ARRAYS })
    .add('impl=insertion', () => sortAll(insertionSort), { ops: ARRAYS }),

  suite('Primes', { meta: { limit: LIMIT } })
    .add('impl=serial', () => countPrimes(LIMIT))
    .peer('peer=python-pool/workers=1', {
      script: poolScript,
      args: ['--workers', '1', '--limit', String(LIMIT)],
      runs: 5,
    })
    .peer('peer=python-pool/workers=2', {
      script: poolScript,
      args: ['--workers', '2', '--limit', String(LIMIT)],
      runs: 5,
    }),
];
