/**
 * Repeatable "random" integers. The books draw items with
 * `random.randint(0, max)`; a recipe whose output and test must be the
 * same on every run draws them from this seeded generator instead (the
 * Park-Miller "minimal standard" generator: tiny, and exact in doubles).
 */
export function randomInts(count: number, max: number, seed: number): number[] {
  const out: number[] = [];
  for (let s = seed, i = 0; i < count; i++) {
    s = (s * 48_271) % 2_147_483_647;
    out.push(s % (max + 1));
  }
  return out;
}
