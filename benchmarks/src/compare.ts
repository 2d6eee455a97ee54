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

/** One cell of the table: a column's median and its change from the base. */
interface Cell {
  /** `1.204 ± 2%`, or '' where this column has no such benchmark. */
  value: string;
  /** `-38.40%`, `~`, `?` or '' (the base column). */
  delta: string;
  /** `(p=0.000 n=10)` and footnote marks. */
  note: string;
}

interface Row {
  label: string;
  cells: Cell[];
  /** Each column's median, for the geomean row; undefined if absent. */
  medians: (number | undefined)[];
}

/** One table: rows of one unit and one configuration, before layout. */
interface Table {
  /** Config lines that set this table apart (`backend: wasm`). */
  heading: string[];
  unit: string;
  titles: string[];
  rows: Row[];
}

/** What comparing one table found besides its cells. */
interface Findings {
  regressions: string[];
  /** `--col` only: "impl=pool: 1.85x faster than impl=serial". */
  speedLines: string[];
}

const EMPTY: Cell = { value: '', delta: '', note: '' };

/** How the shared options and footnotes reach each table's builder. */
interface Context {
  options: CompareOptions;
  alpha: number;
  notes: Notes;
  /** Config lines every benchmark shares (printed once, on top). */
  common: Config;
}

// ── Building a table: statistics, no layout ────────────────────────

/** The change from `old` to `now`, or `~` when it is not significant. */
function formatDelta(u: UTestResult, old: number, now: number,
  alpha: number): string {
  if (u.p > alpha) return '~';
  if (old === now) return '0.00%';
  return formatPercent((now / old - 1) * 100);
}

function formatPercent(pct: number): string {
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

// A relative change or a geomean needs positive medians (benchstat prints
// `?` with a footnote instead of NaN% or +Infinity%).
const NOT_POSITIVE = 'summaries must be >0 to compute geomean';
const ZERO_BASE = 'the base median is 0: no relative change';

/** One column's cell in a row, compared with the row's base entry. */
function compareCell(
  ctx: Context,
  row: string,
  column: string,
  entry: Entry,
  base: Entry | undefined,
  factor: number,
  findings: Findings,
  baseColumn: string,
  rowCount: number,
): Cell {
  const { notes, alpha, options } = ctx;
  const s = medianCI(entry.samples);
  const warn = s.warnings.map((w) => ` ${notes.ref(w)}`).join('');
  const value = `${formatSI(s.median * factor)} ± ${pctRange(s)}${warn}`;
  if (!base || base === entry) return { value, delta: '', note: '' };

  const u = mannWhitneyU(base.samples, entry.samples);
  const old = medianCI(base.samples).median;
  const uw = uWarnings(u, alpha).map((w) => ` ${notes.ref(w)}`).join('');
  const note = `${formatTest(u)}${uw}`;
  if (old === 0 && u.p <= alpha) {
    return { value, delta: `? ${notes.ref(ZERO_BASE)}`, note };
  }
  const delta = formatDelta(u, old, s.median, alpha);

  const pct = (s.median / old - 1) * 100;
  const limit = options.failOnRegression;
  if (limit !== undefined && u.p <= alpha && pct > limit) {
    findings.regressions.push(
      `${row} [${column}]: +${pct.toFixed(2)}% (p=${u.p.toFixed(3)}) ` +
        `exceeds ${limit}%`,
    );
  }
  if (options.col && old > 0 && s.median > 0) {
    const ratio = old / s.median;
    const how = ratio >= 1 ? `${ratio.toFixed(2)}x faster`
      : `${(1 / ratio).toFixed(2)}x slower`;
    const sig = u.p > alpha ? ` (not significant, p=${u.p.toFixed(3)})` : '';
    const cores = ctx.common['cores'] ? ` (cores: ${ctx.common['cores']})`
      : '';
    const prefix = rowCount > 1 ? `${row}: ` : '';
    findings.speedLines.push(
      `${prefix}${column}: ${how} than ${baseColumn}${sig}${cores}`);
  }
  return { value, delta, note };
}

/** The geomean row over the rows present in every column. */
function geomeanRow(ctx: Context, rows: Row[], factor: number):
  Row | undefined {
  const complete = rows.filter((r) => r.medians.every((m) => m !== undefined));
  if (rows.length < 2 || complete.length === 0) return undefined;
  const columns = complete[0]!.medians.length;
  const geo = Array.from({ length: columns }, (_, j) => {
    const medians = complete.map((r) => r.medians[j]!);
    return medians.every((m) => m > 0) ? geomean(medians) : undefined;
  });
  const cells = geo.map((g, j): Cell => {
    if (g === undefined) {
      return { value: `? ${ctx.notes.ref(NOT_POSITIVE)}`, delta: '',
        note: '' };
    }
    const base = geo[0];
    const delta = j === 0 ? '' : base === undefined ? '?'
      : formatPercent((g / base - 1) * 100);
    return { value: formatSI(g * factor), delta, note: '' };
  });
  return { label: 'geomean', cells, medians: geo };
}

function buildTable(
  ctx: Context,
  entries: Entry[],
  columns: string[],
  heading: string[],
  findings: Findings,
): Table {
  const { unit, factor } = displayUnit(entries[0]!.unit);
  const labels = distinct(entries.map((e) => e.row));
  const find = (row: string, col: string): Entry | undefined =>
    entries.find((e) => e.row === row && e.column === col);

  const rows = labels.map((label): Row => {
    // With --col, `Pool/workers=2` has no serial cell of its own; it is
    // compared with the suite's baseline row (`Pool`).
    const base = find(label, columns[0]!) ??
      (ctx.options.col ? find(label.split('/')[0]!, columns[0]!) : undefined);
    const cells: Cell[] = [];
    const medians: (number | undefined)[] = [];
    for (const column of columns) {
      const entry = find(label, column);
      if (!entry) {
        cells.push(EMPTY);
        medians.push(undefined);
        continue;
      }
      cells.push(compareCell(ctx, label, column, entry, base, factor,
        findings, columns[0]!, labels.length));
      medians.push(medianCI(entry.samples).median);
    }
    return { label, cells, medians };
  });
  const geo = geomeanRow(ctx, rows, factor);
  return { heading, unit, titles: columns, rows: geo ? [...rows, geo] : rows };
}

// ── Laying a table out, benchstat's way ────────────────────────────

function renderTable(table: Table): string[] {
  const { unit, titles, rows } = table;
  const columns = titles.map((_, j) => j);
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = columns.map((j) =>
    Math.max(unit.length, ...rows.map((r) => r.cells[j]!.value.length)));
  const deltaWidth = columns.map((j) =>
    Math.max(...rows.map((r) => r.cells[j]!.delta.length)));
  const deltaText = (c: Cell, j: number): string =>
    c.delta === '' && c.note === '' ? ''
      : `${c.delta.padStart(deltaWidth[j]!)}${c.note ? ` ${c.note}` : ''}`;
  const vsWidth = columns.map((j) => j === 0 ? 0
    : Math.max('vs base'.length,
      ...rows.map((r) => deltaText(r.cells[j]!, j).length)));
  const columnWidth = columns.map((j) => Math.max(titles[j]!.length,
    j === 0 ? valueWidth[j]! : valueWidth[j]! + 2 + vsWidth[j]!));

  const pad = ' '.repeat(labelWidth);
  const lines = [...table.heading];
  lines.push(`${pad} │${columns.map((j) =>
    center(titles[j]!, columnWidth[j]! + 2)).join('│')}│`);
  lines.push(`${pad} │${columns.map((j) => {
    const head = center(unit, valueWidth[j]! + 2) +
      (j === 0 ? '' : ` ${'vs base'.padEnd(vsWidth[j]! + 1)}`);
    return head.padEnd(columnWidth[j]! + 2);
  }).join('│')}│`);
  for (const row of rows) {
    const cells = columns.map((j) => {
      const value = row.cells[j]!.value.padEnd(valueWidth[j]!);
      const content = j === 0 ? value
        : `${value}  ${deltaText(row.cells[j]!, j)}`;
      return `  ${content.padEnd(columnWidth[j]!)} `;
    });
    lines.push(`${row.label.padEnd(labelWidth)} ${cells.join('')}`.trimEnd());
  }
  return lines;
}

// ── The whole comparison ───────────────────────────────────────────

/** Config values every entry shares: printed once, on top. */
function commonConfig(entries: Entry[]): Config {
  const common: Config = {};
  for (const k of distinct(entries.flatMap((e) => Object.keys(e.config)))) {
    const values = distinct(entries.map((e) => e.config[k]));
    if (values.length === 1 && values[0] !== undefined) {
      common[k] = values[0];
    }
  }
  return common;
}

export function compare(
  files: LabeledFile[],
  options: CompareOptions = {},
): CompareResult {
  const skipped: string[] = [];
  const entries = entriesOf(files, options, skipped);
  const ctx: Context = {
    options,
    alpha: options.alpha ?? 0.05,
    notes: new Notes(),
    common: commonConfig(entries),
  };
  const findings: Findings = { regressions: [], speedLines: [] };
  const lines = Object.entries(ctx.common).map(([k, v]) => `${k}: ${v}`);

  // Other non-machine keys (recipe, backend) split the tables.
  const splitKeys = distinct(entries.flatMap((e) => Object.keys(e.config)))
    .filter((k) => !(k in ctx.common) && !VOLATILE.has(k) &&
      !MACHINE_KEYS.includes(k));
  const tableOf = (e: Entry): string =>
    JSON.stringify([e.unit, ...splitKeys.map((k) => e.config[k] ?? '')]);
  const headerNotes = options.col ? new Map<string, string[]>()
    : configWarnings(files);

  distinct(entries.map(tableOf)).forEach((key, t) => {
    const inTable = entries.filter((e) => tableOf(e) === key);
    const first = inTable[0]!;
    const heading = splitKeys.filter((k) => first.config[k] !== undefined)
      .map((k) => `${k}: ${first.config[k]}`);
    const columns = options.col ? distinct(inTable.map((e) => e.column))
      : files.map((f) => f.label);
    const table = buildTable(ctx, inTable, columns, heading, findings);
    // As benchstat: `--col /impl` labels columns by the value alone. (The
    // cells' footnotes are numbered first, so titles come last.)
    table.titles = columns.map((c) => {
      const name = options.col ? c.slice(c.indexOf('=') + 1) : c;
      const msgs = headerNotes.get(c) ?? [];
      return name + msgs.map((m) => ` ${ctx.notes.ref(m)}`).join('');
    });
    if (t > 0) lines.push('');
    lines.push(...renderTable(table));
  });

  if (entries.length === 0) lines.push('no benchmarks to compare');
  if (ctx.notes.list.length > 0) lines.push(...ctx.notes.render());
  if (skipped.length > 0) {
    lines.push(`not shown (no ${options.col} in the name): ` +
      `${skipped.join(', ')}`);
  }
  if (findings.speedLines.length > 0) lines.push('', ...findings.speedLines);
  return { text: `${lines.join('\n')}\n`, regressions: findings.regressions };
}
