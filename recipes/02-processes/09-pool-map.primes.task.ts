/**
 * The CPU-bound task of the ProcessPool benchmark: count the primes in
 * [lo, hi) by trial division over odd divisors, exactly as the Python
 * peer (benchmarks/peers/python/pool_cpu.py) does.
 */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

export default function countPrimes([lo, hi]: [number, number]): number {
  let count = 0;
  for (let n = lo; n < hi; n++) if (isPrime(n)) count++;
  return count;
}

/** pool_cpu.py's chunks: `tasks` ranges of ceil(limit / tasks). */
export function chunks(limit: number, tasks: number): Array<[number, number]> {
  const step = Math.ceil(limit / tasks);
  const out: Array<[number, number]> = [];
  for (let lo = 0; lo < limit; lo += step) {
    out.push([lo, Math.min(lo + step, limit)]);
  }
  return out;
}
