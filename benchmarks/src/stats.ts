/**
 * Statistics for benchmark samples, following benchstat's `AssumeNothing`
 * (golang.org/x/perf/benchmath): benchmark times are not normal, so we
 * summarise with the median, give a distribution-free confidence interval
 * from order statistics, and compare two samples with the Mann-Whitney U
 * test. No distribution is assumed anywhere.
 */

/** The middle value (mean of the two middle values for even n). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let logSum = 0;
  for (const x of xs) logSum += Math.log(x);
  return Math.exp(logSum / xs.length);
}

// ── Normal distribution ────────────────────────────────────────────
// erfc after Numerical Recipes (Chebyshev fit, |error| < 1.2e-7), which
// is ample for p-values printed to three decimals.
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 +
        t * (0.37409196 +
        t * (0.09678418 +
        t * (-0.18628806 +
        t * (0.27886807 +
        t * (-1.13520398 +
        t * (1.48851587 +
        t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export function normalCDF(x: number, mu = 0, sigma = 1): number {
  return erfc(-(x - mu) / (sigma * Math.SQRT2)) / 2;
}

// Acklam's rational approximation of the inverse normal CDF (|rel.
// error| < 1.2e-9).
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687,
  138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866,
  66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838,
  -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996,
  3.754408661907416];

function poly(cs: readonly number[], x: number): number {
  return cs.reduce((acc, c) => acc * x + c, 0);
}

export function normalInvCDF(p: number, mu = 0, sigma = 1): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let z: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    z = poly(C, q) / (poly(D, q) * q + 1);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    z = -poly(C, q) / (poly(D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    z = (poly(A, r) * q) / (poly(B, r) * r + 1);
  }
  return mu + sigma * z;
}

// ── Confidence interval of the median ──────────────────────────────

/** C(n, k), the number of ways to choose k of n (as a float). */
export function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

export function binomialPMF(n: number, k: number, p: number): number {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  return binomial(n, k) * p ** k * (1 - p) ** (n - k);
}

export interface QuantileCI {
  /** 1-based order statistics; 0 or n + 1 mean an infinite bound. */
  loOrder: number;
  hiOrder: number;
  /** The interval's actual confidence (>= the one asked for). */
  confidence: number;
}

/**
 * Which order statistics bound the `confidence` interval of the q-th
 * quantile in a sample of n (go-moremath's `QuantileCI`): the number of
 * samples below the true quantile is Binomial(n, q), so we take
 * probability mass outwards from the mode until we reach `confidence`.
 * Above n = 30 the binomial is replaced by its normal approximation.
 */
export function quantileCI(
  n: number,
  q: number,
  confidence: number,
): QuantileCI {
  if (confidence >= 1) {
    return { loOrder: 0, hiOrder: n + 1, confidence: 1 };
  }
  let l: number;
  let r: number;
  let conf: number;
  if (n <= 30) {
    const pmf = (k: number): number => binomialPMF(n, k, q);
    // Start at the (lower) mode; probabilities fall away from it, so
    // always taking the larger neighbour gives the shortest interval.
    const x = q === 0 ? 0 : Math.ceil((n + 1) * q) - 1;
    conf = pmf(x);
    l = x;
    r = x + 1;
    let lp = pmf(l - 1);
    let rp = pmf(r);
    while (conf < confidence && (lp > 0 || rp > 0)) {
      if (lp >= rp) {
        conf += lp;
        l--;
        lp = pmf(l - 1);
      } else {
        conf += rp;
        r++;
        rp = pmf(r);
      }
    }
  } else {
    const mu = n * q;
    const sigma = Math.sqrt(n * q * (1 - q));
    const l1 = normalInvCDF((1 - confidence) / 2, mu, sigma);
    const r1 = 2 * mu - l1;
    l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
    r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
    const cdf = (a: number, b: number): number =>
      normalCDF(b - 0.5, mu, sigma) - normalCDF(a - 0.5, mu, sigma);
    conf = cdf(l, r);
    const biased = cdf(l, r - 1);
    if (biased >= confidence && biased < conf) {
      conf = biased;
      r--;
    }
    if (l <= 0 && r >= n + 1) conf = 1;
  }
  return {
    loOrder: Math.max(l, 0),
    hiOrder: Math.min(r, n + 1),
    confidence: conf,
  };
}

export interface MedianSummary {
  median: number;
  /** -Infinity / Infinity when the sample is too small. */
  lo: number;
  hi: number;
  confidence: number;
  warnings: string[];
}

/** Smallest n whose median CI is finite at this confidence (≤ 50). */
export function samplesForCI(confidence: number): [string, number] {
  for (let n = 2; n <= 50; n++) {
    const ci = quantileCI(n, 0.5, confidence);
    if (ci.loOrder > 0 && ci.hiOrder <= n) return ['>=', n];
  }
  return ['>', 50];
}

/** The median and its distribution-free confidence interval. */
export function medianCI(
  xs: readonly number[],
  confidence = 0.95,
): MedianSummary {
  const s = sorted(xs);
  const ci = quantileCI(s.length, 0.5, confidence);
  const lo = ci.loOrder < 1 ? -Infinity : s[ci.loOrder - 1]!;
  const hi = ci.hiOrder > s.length ? Infinity : s[ci.hiOrder - 1]!;
  const warnings: string[] = [];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    const [op, need] = samplesForCI(confidence);
    warnings.push(
      `need ${op} ${need} samples for confidence interval at level ` +
        `${confidence}`,
    );
  }
  return { median: median(s), lo, hi, confidence: ci.confidence, warnings };
}

/** benchstat's "± x%": the CI's larger half-width relative to the median. */
export function pctRange(s: MedianSummary): string {
  if (!Number.isFinite(s.lo) || !Number.isFinite(s.hi)) return '∞';
  const sign = Math.sign(s.median);
  if (sign !== Math.sign(s.lo) || sign !== Math.sign(s.hi)) return '?';
  if (s.median === 0) return '0%';
  const v = Math.max(s.hi / s.median - 1, 1 - s.lo / s.median);
  return `${(100 * v).toFixed(0)}%`;
}

// ── Mann-Whitney U ─────────────────────────────────────────────────

/** Largest per-side n for the exact distribution (benchstat's limits). */
export const EXACT_LIMIT = 50;
export const TIES_EXACT_LIMIT = 25;

export interface UTestResult {
  n1: number;
  n2: number;
  /** The smaller of the two U statistics (ties count 1/2). */
  u: number;
  /** Two-sided p-value. */
  p: number;
  exact: boolean;
  warnings: string[];
}

/**
 * Both tails of U1's exact null distribution at `u2` (= 2·U1), for the
 * given tie groups: P(U1 <= u1) and P(U1 >= u1). Every choice of which n1
 * of the pooled values belong to sample 1 is equally likely; a tie group
 * of size t whose members all carry the same mid-rank contributes k of
 * them in C(t, k) ways. A dynamic program over (values chosen, doubled
 * rank sum) counts the choices. With ties the distribution need not be
 * symmetric, so the two tails are counted, never mirrored.
 */
function exactUTails(
  n1: number,
  groups: readonly { size: number; rank2: number }[],
  u2: number,
): { lower: number; upper: number } {
  // ways[k] maps a doubled rank sum to its number of choices.
  let ways: Map<number, number>[] = [new Map([[0, 1]])];
  for (const { size, rank2 } of groups) {
    const next: Map<number, number>[] = [];
    for (let k = 0; k < ways.length; k++) {
      for (const [sum, count] of ways[k]!) {
        for (let j = 0; j <= size && k + j <= n1; j++) {
          const row = (next[k + j] ??= new Map());
          const key = sum + j * rank2;
          row.set(key, (row.get(key) ?? 0) + count * binomial(size, j));
        }
      }
    }
    ways = next;
  }
  // U1 = R1 - n1(n1+1)/2, so 2U1 = 2R1 - n1(n1+1).
  let total = 0;
  let lower = 0;
  let upper = 0;
  for (const [r2, count] of ways[n1]!) {
    const twiceU = r2 - n1 * (n1 + 1);
    total += count;
    if (twiceU <= u2 + 1e-9) lower += count;
    if (twiceU >= u2 - 1e-9) upper += count;
  }
  return { lower: lower / total, upper: upper / total };
}

/**
 * Two-sided Mann-Whitney U test (go-moremath's `MannWhitneyUTest` with
 * `LocationDiffers`): exact distribution, ties included, up to
 * TIES_EXACT_LIMIT per side (EXACT_LIMIT without ties); above that the
 * normal approximation with tie and continuity corrections.
 */
export function mannWhitneyU(
  x1: readonly number[],
  x2: readonly number[],
): UTestResult {
  const n1 = x1.length;
  const n2 = x2.length;
  if (n1 === 0 || n2 === 0) {
    return { n1, n2, u: 0, p: 1, exact: false,
      warnings: ['need at least one sample on each side'] };
  }
  const merged = [
    ...x1.map((v) => ({ v, first: true })),
    ...x2.map((v) => ({ v, first: false })),
  ].sort((a, b) => a.v - b.v);

  let r1x2 = 0; // doubled rank sum of sample 1
  let tieTerm = 0;
  let ties = false;
  const groups: { size: number; rank2: number }[] = [];
  for (let i = 0; i < merged.length; ) {
    const start = i;
    let fromFirst = 0;
    while (i < merged.length && merged[i]!.v === merged[start]!.v) {
      if (merged[i]!.first) fromFirst++;
      i++;
    }
    const size = i - start;
    const rank2 = start + 1 + i; // 2 × mid-rank of ranks start+1 .. i
    r1x2 += rank2 * fromFirst;
    tieTerm += size ** 3 - size;
    if (size > 1) ties = true;
    groups.push({ size, rank2 });
  }
  const u1 = r1x2 / 2 - (n1 * (n1 + 1)) / 2;
  const u = Math.min(u1, n1 * n2 - u1);
  if (groups.length === 1) {
    return { n1, n2, u, p: 1, exact: true,
      warnings: ['all samples are equal'] };
  }
  const limit = ties ? TIES_EXACT_LIMIT : EXACT_LIMIT;
  if (n1 <= limit && n2 <= limit) {
    // Two-sided: twice the smaller tail at the observed U1.
    const { lower, upper } = exactUTails(n1, groups, 2 * u1);
    const p = Math.min(1, 2 * Math.min(lower, upper));
    return { n1, n2, u, p, exact: true, warnings: [] };
  }
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt((n1 * n2 * (n + 1 - tieTerm / (n * (n - 1)))) / 12);
  let numer = u - mu;
  numer -= Math.sign(numer) * 0.5; // continuity correction
  const z = numer / sigma;
  const p = 2 * Math.min(normalCDF(z), 1 - normalCDF(z));
  return { n1, n2, u, p, exact: false, warnings: [] };
}

/** Smallest n (both sides) at which U can reach p <= alpha (≤ 10). */
export function samplesForUTest(alpha: number): [string, number] {
  for (let n = 1; n <= 9; n++) {
    // With no overlap at all, p = 2 / C(2n, n).
    if (Math.min(1, 2 / binomial(2 * n, n)) <= alpha) return ['>=', n];
  }
  return ['>', 10];
}
