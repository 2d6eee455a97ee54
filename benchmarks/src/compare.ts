/**
 * benchstat's comparison table: for each benchmark the median ± 95% CI in
 * every column, and for each column after the first the change of the
 * median with the Mann-Whitney p-value, or `~` when the change is not
 * significant. Columns are input files, or with `col: '/impl'` the values
 * of one name key inside one file. A geomean row sums up the table and
 * warnings are numbered footnotes, as in benchstat.
 */
import { MACHINE_KEYS } from './env.ts';
import { effectiveConfig, type Config, type ResultFile } from './format.ts';
import {
  geomean,
  mannWhitneyU,
  medianCI,
  pctRange,
  samplesForUTest,
  type UTestResult,
} from './stats.ts';
import { displayUnit, formatSI } from './units.ts';

export interface LabeledFile {
  label: string;
  file: ResultFile;
}

export interface CompareOptions {
  /** A name key (`/impl`) whose values become the columns. */
  col?: string;
  alpha?: number;
  /** Report significant slowdowns larger than this many percent. */
  failOnRegression?: number;
}

export interface CompareResult {
  text: string;
  /** One line per significant slowdown beyond `failOnRegression`. */
  regressions: string[];
}

/** Keys that always differ between runs and say nothing about them. */
const VOLATILE = new Set(['date', 'commit', 'label']);

interface Entry {
  column: string;
  row: string;
  unit: string;
  samples: number[];
  config: Config;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function mark(n: number): string {
  return [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');
}

class Notes {
  readonly list: string[] = [];
  /** The footnote mark for `text`, numbering new texts in order. */
  ref(text: string): string {
    let i = this.list.indexOf(text);
    if (i < 0) i = this.list.push(text) - 1;
    return mark(i + 1);
  }
  render(): string[] {
    return this.list.map((t, i) => `${mark(i + 1)} ${t}`);
  }
}

function center(s: string, width: number): string {
  const left = Math.floor((width - s.length) / 2);
  return `${' '.repeat(Math.max(0, left))}${s}`.padEnd(width);
}

/** Splits `/impl` out of `Suite/impl=x/workers=2`. */
function splitName(name: string, key: string):
  { row: string; value: string } | undefined {
  // Go's `-N` GOMAXPROCS suffix belongs to the whole name.
  const procs = /-\d+$/.exec(name)?.[0] ?? '';
  const parts = name.slice(0, name.length - procs.length).split('/');
  const i = parts.findIndex((p, j) => j > 0 && p.startsWith(`${key}=`));
  if (i < 0) return undefined;
  const value = parts[i]!.slice(key.length + 1);
  parts.splice(i, 1);
  return { row: parts.join('/') + procs, value };
}

function entriesOf(
  files: LabeledFile[],
  options: CompareOptions,
  skipped: string[],
): Entry[] {
  const key = options.col?.replace(/^\//, '');
  const out: Entry[] = [];
  for (const { label, file } of files) {
    for (const b of file.benchmarks) {
      const config = effectiveConfig(file, b);
      if (key === undefined) {
        out.push({ column: label, row: b.name, unit: b.unit,
          samples: b.samples, config });
        continue;
      }
      const split = splitName(b.name, key);
      if (!split) {
        skipped.push(b.name);
        continue;
      }
      out.push({ column: `${key}=${split.value}`, row: split.row,
        unit: b.unit, samples: b.samples, config });
    }
  }
  return out;
}

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Machine keys that differ between the first file and another. */
function configWarnings(files: LabeledFile[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const base = files[0]?.file.config ?? {};
  for (const { label, file } of files.slice(1)) {
    const msgs: string[] = [];
    for (const key of MACHINE_KEYS) {
      const a = base[key];
      const b = file.config[key];
      if (a !== undefined && b !== undefined && a !== b) {
        msgs.push(`configs differ: ${key} ${a} vs ${b}`);
      }
    }
    out.set(label, msgs);
  }
  return out;
}

function formatDelta(u: UTestResult, old: number, now: number,
  alpha: number): string {
  if (u.p > alpha) return '~';
  if (old === now) return '0.00%';
  const pct = (now / old - 1) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;
}

function formatTest(u: UTestResult): string {
  const p = u.p !== 0 ? `p=${u.p.toFixed(3)} ` : '';
  const n = u.n1 === u.n2 ? `n=${u.n1}` : `n=${u.n1}+${u.n2}`;
  return `(${p}${n})`;
}

function uWarnings(u: UTestResult, alpha: number): string[] {
  const out = [...u.warnings];
  if (u.p > alpha) {
    const [op, need] = samplesForUTest(alpha);
    if (u.n1 < need && u.n2 < need) {
      out.push(`need ${op} ${need} samples to detect a difference at ` +
        `alpha level ${alpha}`);
    }
  }
  return out;
}

export function compare(
  files: LabeledFile[],
  options: CompareOptions = {},
): CompareResult {
  const alpha = options.alpha ?? 0.05;
  const notes = new Notes();
  const skipped: string[] = [];
  const entries = entriesOf(files, options, skipped);
  const lines: string[] = [];
  const regressions: string[] = [];
  const speedLines: string[] = [];

  // File-level lines every benchmark shares are printed once on top;
  // other non-machine keys (recipe, backend) split the tables.
  const allKeys = distinct(entries.flatMap((e) => Object.keys(e.config)));
  const common: Config = {};
  for (const k of allKeys) {
    const values = distinct(entries.map((e) => e.config[k]));
    if (values.length === 1 && values[0] !== undefined) {
      common[k] = values[0];
    }
  }
  for (const [k, v] of Object.entries(common)) lines.push(`${k}: ${v}`);
  const splitKeys = allKeys.filter(
    (k) => !(k in common) && !VOLATILE.has(k) && !MACHINE_KEYS.includes(k),
  );
  const tableOf = (e: Entry): string =>
    JSON.stringify([e.unit, ...splitKeys.map((k) => e.config[k] ?? '')]);
  const headerNotes = options.col
    ? new Map<string, string[]>()
    : configWarnings(files);

  distinct(entries.map(tableOf)).forEach((tableKey, t) => {
    const inTable = entries.filter((e) => tableOf(e) === tableKey);
    const first = inTable[0]!;
    if (t > 0) lines.push('');
    for (const k of splitKeys) {
      if (first.config[k] !== undefined) {
        lines.push(`${k}: ${first.config[k]}`);
      }
    }
    const columns = options.col
      ? distinct(inTable.map((e) => e.column))
      : files.map((f) => f.label);
    const rows = distinct(inTable.map((e) => e.row));
    const { unit, factor } = displayUnit(first.unit);
    const cell = (row: string, col: string): Entry | undefined =>
      inTable.find((e) => e.row === row && e.column === col);

    // Build every cell's text first, then lay them out.
    const values: string[][] = [];
    const deltas: { delta: string; note: string }[][] = [];
    const medians: (number | undefined)[][] = [];
    for (const row of rows) {
      const vRow: string[] = [];
      const dRow: { delta: string; note: string }[] = [];
      const mRow: (number | undefined)[] = [];
      // With --col, `Pool/workers=2` has no serial cell of its own;
      // it is compared with the suite's baseline row (`Pool`).
      const base = cell(row, columns[0]!) ??
        (options.col ? cell(row.split('/')[0]!, columns[0]!) : undefined);
      columns.forEach((col, j) => {
        const e = cell(row, col);
        if (!e) {
          vRow.push('');
          mRow.push(undefined);
          dRow.push({ delta: '', note: '' });
          return;
        }
        const s = medianCI(e.samples);
        const warn = s.warnings.map((w) => ` ${notes.ref(w)}`).join('');
        vRow.push(`${formatSI(s.median * factor)} ± ${pctRange(s)}${warn}`);
        mRow.push(s.median);
        if (j === 0 || !base) {
          dRow.push({ delta: '', note: '' });
          return;
        }
        const u = mannWhitneyU(base.samples, e.samples);
        const old = medianCI(base.samples).median;
        const delta = formatDelta(u, old, s.median, alpha);
        const uw = uWarnings(u, alpha).map((w) => ` ${notes.ref(w)}`);
        dRow.push({ delta, note: `${formatTest(u)}${uw.join('')}` });
        const pct = (s.median / old - 1) * 100;
        const limit = options.failOnRegression;
        if (limit !== undefined && u.p <= alpha && pct > limit) {
          regressions.push(
            `${row} [${col}]: +${pct.toFixed(2)}% (p=${u.p.toFixed(3)}) ` +
              `exceeds ${limit}%`,
          );
        }
        if (options.col) {
          const r = old / s.median;
          const how = r >= 1 ? `${r.toFixed(2)}x faster` :
            `${(1 / r).toFixed(2)}x slower`;
          const sig = u.p > alpha ? ` (not significant, p=${
            u.p.toFixed(3)})` : '';
          const cores = common['cores'] ? ` (cores: ${common['cores']})` : '';
          const prefix = rows.length > 1 ? `${row}: ` : '';
          speedLines.push(
            `${prefix}${col}: ${how} than ${columns[0]}${sig}${cores}`,
          );
        }
      });
      values.push(vRow);
      deltas.push(dRow);
      medians.push(mRow);
    }

    // The geomean row uses only rows present in every column.
    const complete = medians.filter((m) => m.every((x) => x !== undefined));
    const geo = rows.length > 1 && complete.length > 0
      ? columns.map((_, j) => geomean(complete.map((m) => m[j]!)))
      : undefined;
    const labels = [...rows, ...(geo ? ['geomean'] : [])];
    if (geo) {
      values.push(geo.map((g) => formatSI(g * factor)));
      deltas.push(geo.map((g, j) => {
        if (j === 0) return { delta: '', note: '' };
        const pct = (g / geo[0]! - 1) * 100;
        return { delta: `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`,
          note: '' };
      }));
    }

    // As benchstat: `--col /impl` labels columns by the value alone.
    const titles = columns.map((c) => {
      const msgs = headerNotes.get(c) ?? [];
      const name = options.col ? c.slice(c.indexOf('=') + 1) : c;
      return name + msgs.map((m) => ` ${notes.ref(m)}`).join('');
    });
    const L = Math.max(...labels.map((l) => l.length));
    const wv = columns.map((_, j) =>
      Math.max(unit.length, ...values.map((r) => r[j]!.length)));
    const dw = columns.map((_, j) =>
      Math.max(...deltas.map((r) => r[j]!.delta.length)));
    const deltaText = (d: { delta: string; note: string }, j: number) =>
      d.delta === '' && d.note === '' ? '' :
        `${d.delta.padStart(dw[j]!)}${d.note ? ` ${d.note}` : ''}`;
    const wd = columns.map((_, j) =>
      j === 0 ? 0 : Math.max('vs base'.length,
        ...deltas.map((r) => deltaText(r[j]!, j).length)));
    const g = columns.map((_, j) => Math.max(
      titles[j]!.length,
      j === 0 ? wv[j]! : wv[j]! + 2 + wd[j]!,
    ));

    const pad = ' '.repeat(L);
    lines.push(`${pad} │${columns.map((_, j) =>
      center(titles[j]!, g[j]! + 2)).join('│')}│`);
    lines.push(`${pad} │${columns.map((_, j) => {
      const head = center(unit, wv[j]! + 2) +
        (j === 0 ? '' : ` ${'vs base'.padEnd(wd[j]! + 1)}`);
      return head.padEnd(g[j]! + 2);
    }).join('│')}│`);
    labels.forEach((label, i) => {
      const cells = columns.map((_, j) => {
        const v = values[i]![j]!.padEnd(wv[j]!);
        const content = j === 0 ? v : `${v}  ${deltaText(deltas[i]![j]!, j)}`;
        return `  ${content.padEnd(g[j]!)} `;
      });
      lines.push(`${label.padEnd(L)} ${cells.join('')}`.trimEnd());
    });
  });

  if (entries.length === 0) lines.push('no benchmarks to compare');
  const out = [...lines];
  if (notes.list.length > 0) out.push(...notes.render());
  if (skipped.length > 0) {
    out.push(`not shown (no ${options.col} in the name): ` +
      `${skipped.join(', ')}`);
  }
  if (speedLines.length > 0) out.push('', ...speedLines);
  return { text: `${out.join('\n')}\n`, regressions };
}
