/**
 * The table `npm run bench` prints: one markdown table per suite in the
 * shape people paste into READMEs (hyperfine's `Relative` column), plus
 * speed-up and efficiency for variants that declare `workers=N`.
 */
import { medianCI, pctRange, type MedianSummary } from './stats.ts';
import type { SuiteResult, VariantResult } from './runner.ts';
import { formatNs } from './units.ts';
import { speedupReference } from './suite.ts';

/** Pads a markdown table so it also reads well as plain text. */
export function markdownTable(
  header: string[],
  rows: string[][],
  align: ('l' | 'r')[],
): string {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells
      .map((c, i) =>
        align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!),
      )
      .join(' | ')} |`;
  const rule = `|${widths
    .map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'
      .repeat(w + 1)}`))
    .join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Relative half-width of the median's CI (Infinity when unknown). */
function relError(s: MedianSummary): number {
  if (!Number.isFinite(s.lo) || !Number.isFinite(s.hi)) return Infinity;
  return Math.max(s.hi - s.median, s.median - s.lo) / s.median;
}

/**
 * A number for a ratio column: two decimals, or three significant digits
 * when that would print 0.00 (a pool task can cost 1/4800 of a worker).
 */
function fixed(x: number): string {
  return x !== 0 && Math.abs(x) < 0.1 ? x.toPrecision(3) : x.toFixed(2);
}

/** A ratio with its propagated error: `1.93 ± 0.04`. */
function ratio(value: number, err: number): string {
  if (!Number.isFinite(err)) return fixed(value);
  return `${fixed(value)} ± ${fixed(value * err)}`;
}

export interface ReportOptions {
  /** The machine's cores, for the efficiency note. */
  cores: number;
}

export function suiteTable(
  result: SuiteResult,
  options: ReportOptions,
): string {
  const out: string[] = [];
  const title = result.recipe ? `${result.name} (${result.recipe})` :
    result.name;
  out.push(`### ${title}`, '');
  for (const [k, v] of Object.entries(result.meta)) out.push(`${k}: ${v}`);
  if (Object.keys(result.meta).length > 0) out.push('');

  const base = result.variants[0];
  const baseSum = base && base.samples.length > 0
    ? medianCI(base.samples)
    : undefined;
  const parallel = result.variants.some((v) => v.workers !== undefined);
  const header = ['Variant', 'Median ± 95% CI', 'Min', 'Max', 'n',
    'Relative'];
  const align: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r'];
  if (parallel) {
    header.push('Speed-up', 'Efficiency');
    align.push('r', 'r');
  }
  let infinite = false;
  // Variants that ran: the candidates for a speed-up reference.
  const ran = result.variants.filter((v) => v.skipped === undefined &&
    v.samples.length > 0);
  const rows = result.variants.map((v: VariantResult) => {
    if (v.skipped !== undefined || v.samples.length === 0) {
      const row = [v.name, `skipped: ${v.skipped ?? 'no runs'}`,
        '', '', '0', ''];
      return parallel ? [...row, '', ''] : row;
    }
    const s = medianCI(v.samples);
    if (!Number.isFinite(relError(s))) infinite = true;
    const unit = v.ops === 1 ? '' : '/op';
    const row = [
      v.name,
      `${formatNs(s.median)}${unit} ± ${pctRange(s)}`,
      formatNs(Math.min(...v.samples)),
      formatNs(Math.max(...v.samples)),
      String(v.samples.length),
    ];
    const err = baseSum
      ? Math.hypot(relError(s), relError(baseSum))
      : Infinity;
    if (v === base || !baseSum) row.push('1.00');
    else row.push(ratio(s.median / baseSum.median, err));
    if (parallel) {
      const ref = speedupReference(v, ran);
      if (v.workers === undefined || ref === undefined) {
        row.push('', '');
      } else {
        const refSum = medianCI(ref.samples);
        const speedup = refSum.median / s.median;
        const refErr = Math.hypot(relError(s), relError(refSum));
        row.push(ratio(speedup, refErr), (speedup / v.workers).toFixed(2));
      }
    }
    return row;
  });
  out.push(markdownTable(header, rows, align), '');
  if (infinite) {
    out.push('± ∞: need >= 6 runs for a 95% confidence interval.');
  }
  if (parallel) {
    out.push(
      'Speed-up = reference median ÷ variant median; the reference is ' +
        'the same impl without workers= if there is one, else the ' +
        'first variant without workers= (peers: their own serial peer); ' +
        `efficiency = speed-up ÷ workers; this machine has ` +
        `${options.cores} cores.`,
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
