import { describe, expect, test } from 'vitest';
import {
  mannWhitneyU,
  median,
  medianCI,
  pctRange,
  quantileCI,
  samplesForCI,
  samplesForUTest,
} from '../src/stats.ts';

// benchstat's documented example (golang.org/x/perf/cmd/benchstat).
const OLD_JSON = [1726, 1723, 1707, 1707, 1713, 1729, 1736, 1707, 1705, 1774];
const NEW_JSON = [1423, 1416, 1411, 1413, 1412, 1426, 1422, 1424, 1447, 1425];
const OLD_GOB = [3069, 3075, 3069, 3067, 3207, 3064, 3064, 3058, 3059, 3062];
const NEW_GOB = [3075, 3065, 3059, 3065, 3060, 3081, 3186, 3135, 3087, 3062];

describe('median and its confidence interval', () => {
  test('median of odd, even and unsorted samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median(OLD_JSON)).toBe(1718);
    expect(median(NEW_JSON)).toBe(1422.5);
    expect(median(OLD_GOB)).toBe(3065.5);
    expect(median(NEW_GOB)).toBe(3070);
  });

  test('order statistics from the binomial (benchmath known answers)', () => {
    const s = medianCI([-10, 2, 3, 4, 5, 6]);
    expect(s).toMatchObject({ median: 3.5, lo: -10, hi: 6 });
    expect(s.confidence).toBe(1 - 0.03125);
    expect(quantileCI(10, 0.5, 0.95)).toMatchObject({ loOrder: 2,
      hiOrder: 9 });
    expect(samplesForCI(0.95)).toEqual(['>=', 6]);
    expect(samplesForCI(0.99)).toEqual(['>=', 8]);
  });

  test('too few samples give an infinite interval and a warning', () => {
    const s = medianCI([1]);
    expect(s.lo).toBe(-Infinity);
    expect(s.hi).toBe(Infinity);
    expect(s.warnings).toEqual([
      'need >= 6 samples for confidence interval at level 0.95',
    ]);
    expect(pctRange(s)).toBe('∞');
  });

  test('± percent as benchstat prints it', () => {
    expect(pctRange(medianCI(OLD_JSON))).toBe('1%');
    expect(pctRange(medianCI(OLD_GOB))).toBe('0%');
    expect(pctRange(medianCI(NEW_GOB))).toBe('2%');
  });

  test('normal approximation above n = 30', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i);
    expect(medianCI(xs)).toMatchObject({ lo: 13, hi: 26 });
  });
});

describe('Mann-Whitney U', () => {
  test('benchstat example: json significant, gob ~ with p = 0.446', () => {
    expect(mannWhitneyU(OLD_JSON, NEW_JSON).p).toBeLessThan(0.001);
    const gob = mannWhitneyU(OLD_GOB, NEW_GOB);
    expect(gob.exact).toBe(true);
    expect(gob.u).toBe(39.5);
    expect(gob.p).toBeCloseTo(0.446, 3);
  });

  test('exact small samples, without and with ties (go-moremath)', () => {
    const s1 = [2, 1, 3, 5];
    expect(mannWhitneyU(s1, [12, 11, 13, 15]).p).toBeCloseTo(
      0.028571428571428577, 12);
    expect(mannWhitneyU(s1, [0, 4, 6, 7]).p).toBeCloseTo(0.4857142857, 9);
    expect(mannWhitneyU(s1, [2, 2, 2, 2]).p).toBeCloseTo(0.7142857143, 9);
    expect(mannWhitneyU(s1, s1).p).toBe(1);
    expect(mannWhitneyU([-1, -1, -1], [1, 1, 1]).p).toBeCloseTo(0.1, 12);
  });

  // With ties and unequal sizes the null distribution of U is not
  // symmetric: p must come from both tails, and not depend on which file
  // is given first. Expected values from the enumeration below.
  test.each([
    [[1], [0, 0, 0], 0.5],
    [[2, 1, 3, 5], [1, 1, 1, 1, 1], 0.0952380952],
    [[0, 0, 0, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 1], 0.2004662005],
  ])('tied, unequal sizes: %j vs %j → p = %d, both ways round',
    (x, y, p) => {
      expect(mannWhitneyU(x, y).p).toBeCloseTo(p, 9);
      expect(mannWhitneyU(y, x).p).toBeCloseTo(p, 9);
    });

  test('exact p equals a brute-force enumeration on tied samples', () => {
    let seed = 7;
    const next = (m: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % m;
    };
    for (let trial = 0; trial < 150; trial++) {
      const n1 = 1 + next(5);
      const n2 = 1 + next(6);
      const x = Array.from({ length: n1 }, () => next(3));
      const y = Array.from({ length: n2 }, () => next(3));
      if (new Set([...x, ...y]).size === 1) continue;
      expect(mannWhitneyU(x, y).p, `${x} vs ${y}`)
        .toBeCloseTo(bruteForceP(x, y), 9);
    }
  });

  test('all samples equal: p = 1 with a warning', () => {
    const r = mannWhitneyU([1, 1, 1, 1], [1, 1, 1, 1]);
    expect(r.p).toBe(1);
    expect(r.warnings).toEqual(['all samples are equal']);
  });

  test('large samples use the corrected normal approximation', () => {
    const l1 = Array.from({ length: 500 }, (_, i) => i * 2);
    const l2 = Array.from({ length: 600 }, (_, i) => i * 2 - 41);
    const l3 = [...l2];
    for (let i = 0; i < 30; i++) l3[i] = l1[i]!;
    const r = mannWhitneyU(l1, l2);
    expect(r.exact).toBe(false);
    expect(r.u).toBe(135250);
    expect(r.p).toBeCloseTo(0.0049335360814172224, 8);
    expect(mannWhitneyU(l1, l3).p).toBeCloseTo(0.0038703814239617884, 8);
  });

  test('samples needed to reach alpha', () => {
    expect(samplesForUTest(0.05)).toEqual(['>=', 4]);
    expect(samplesForUTest(0.01)).toEqual(['>=', 5]);
    expect(samplesForUTest(0)).toEqual(['>', 10]);
  });
});

/** Two-sided exact p by trying every split of the pooled values. */
function bruteForceP(x: number[], y: number[]): number {
  const pooled = [...x, ...y];
  const u1Of = (first: number[], second: number[]): number => {
    let u = 0;
    for (const a of first) {
      for (const b of second) u += a > b ? 1 : a === b ? 0.5 : 0;
    }
    return u;
  };
  const observed = u1Of(x, y);
  let lower = 0;
  let upper = 0;
  let total = 0;
  const n = pooled.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    let bits = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) bits++;
    if (bits !== x.length) continue;
    const a = pooled.filter((_, i) => mask & (1 << i));
    const b = pooled.filter((_, i) => !(mask & (1 << i)));
    const u = u1Of(a, b);
    total++;
    if (u <= observed + 1e-9) lower++;
    if (u >= observed - 1e-9) upper++;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / total);
}
