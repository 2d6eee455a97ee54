/**
 * The three commands behind `npm run bench`, `bench:compare` and
 * `bench:plot`. Each returns its exit code: 0 ok, 1 failed (a wrong
 * answer, a regression), 2 usage. Errors are one line, no stack trace
 * (BENCH_DEBUG=1 shows it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../scripts/lib/recipes.ts';
import { compare, type LabeledFile } from './compare.ts';
import { resolveTarget, type BenchFile } from './discover.ts';
import { machineConfig } from './env.ts';
import { readResults, writeGo, writeJson } from './format.ts';
import { loadSuites, toResultFile } from './load.ts';
import { plotSvg } from './plot.ts';
import { suiteTable } from './report.ts';
import { runSuite, type Progress, type SuiteResult } from './runner.ts';

class UsageError extends Error {}

function fail(err: unknown, prefix: string): number {
  const usage = err instanceof UsageError;
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${prefix}: ${msg}\n`);
  if (process.env['BENCH_DEBUG'] === '1' && err instanceof Error) {
    process.stderr.write(`${err.stack ?? ''}\n`);
  }
  return usage ? 2 : 1;
}

function whole(value: string | undefined, flag: string, min: number):
  number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${flag} needs a whole number >= ${min}`);
  }
  return n;
}

// ── npm run bench ──────────────────────────────────────────────────

export const BENCH_USAGE = `usage: npm run bench -- <target>...
  target        a recipe id (threads/lock), a chapter (threads), all,
                or a path to a .bench.ts file
         [--runs N] [--warmup N] [--label L] [--json FILE]
         [--filter REGEX] [--no-peers] [--smoke] [--out DIR]
  --runs N      timed rounds per suite (default: the suite's, else 10)
  --label L     results go to bench-results/L.txt (default: commit)
  --json FILE   also write the results as JSON
  --filter RE   only variants whose Suite/variant name matches
  --no-peers    skip the Python peers
  --smoke       tiny workloads (BENCH_SMOKE=1), 2 runs, no warmup/peers
`;

function progressPrinter(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const phase = p.warmup ? 'warmup' : 'round';
    process.stderr.write(
      `\r\x1b[K${p.suite}: ${phase} ${p.round}/${p.rounds} ${p.variant}`,
    );
  };
}

export async function benchMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        runs: { type: 'string' },
        warmup: { type: 'string' },
        label: { type: 'string' },
        json: { type: 'string' },
        filter: { type: 'string' },
        out: { type: 'string' },
        'no-peers': { type: 'boolean' },
        smoke: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  const { values: v, positionals } = args;
  if (v.help) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(BENCH_USAGE);
    return 2;
  }
  let runs: number | undefined;
  let warmup: number | undefined;
  let filter: RegExp | undefined;
  try {
    runs = whole(v.runs, '--runs', 1);
    warmup = whole(v.warmup, '--warmup', 0);
    if (v.filter !== undefined) filter = new RegExp(v.filter);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (v.smoke) {
    // Bench files read BENCH_SMOKE when they are imported, below.
    process.env['BENCH_SMOKE'] = '1';
    runs ??= 2;
    warmup ??= 0;
  }
  const peers = !(v['no-peers'] || v.smoke);

  const files: BenchFile[] = [];
  for (const target of positionals) {
    const t = resolveTarget(target);
    if (t.kind === 'error') {
      process.stderr.write(`bench: ${t.message}\n`);
      return 2;
    }
    for (const f of t.files) {
      if (!files.some((g) => g.file === f.file)) files.push(f);
    }
  }

  const config = machineConfig(ROOT);
  const label = v.label ?? config['commit']!;
  const cores = Number(config['cores']);
  process.stdout.write(
    `node ${config['node']} · ${config['os']}/${config['arch']} · ` +
      `${config['cpu']} · ${cores} cores (available parallelism ` +
      `${config['available-parallelism']}) · commit ${config['commit']}\n\n`,
  );
  const results: SuiteResult[] = [];
  const onProgress = progressPrinter();
  try {
    for (const { file, recipe } of files) {
      for (const s of await loadSuites(file)) {
        // A filter that matches no variant of a suite skips the suite.
        const matches = (name: string): boolean =>
          !filter || filter.test(`${s.name}/${name}`);
        if (!s.variants.some((x) => matches(x.name))) continue;
        const options = { recipe, peers, ...(runs && { runs }),
          ...(warmup !== undefined && { warmup }),
          ...(filter && { filter }), ...(onProgress && { onProgress }) };
        const result = await runSuite(s, options);
        if (onProgress) process.stderr.write('\r\x1b[K');
        results.push(result);
        process.stdout.write(`${suiteTable(result, { cores })}\n`);
      }
    }
  } catch (err) {
    if (onProgress) process.stderr.write('\r\x1b[K');
    return fail(err, 'bench');
  }

  const file = toResultFile(results, config);
  const dir = v.out ?? join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const txt = join(dir, `${label.replace(/[^\w.-]/g, '_')}.txt`);
  writeFileSync(txt, writeGo(file));
  process.stderr.write(`wrote ${relative(process.cwd(), txt)}\n`);
  if (v.json !== undefined) {
    writeFileSync(v.json, writeJson(file));
    process.stderr.write(`wrote ${v.json}\n`);
  }
  return 0;
}

// ── npm run bench:compare ──────────────────────────────────────────

export const COMPARE_USAGE = `usage: npm run bench:compare -- old new [more...]
         [--col /key] [--fail-on-regression PCT]
  inputs        result files (.txt Go format or .json); label=path
                names a column
  --col /key    compare the values of a name key (/impl) in one file
  --fail-on-regression PCT
                exit 1 if a benchmark got significantly slower by
                more than PCT percent

tips (benchstat's):
  - measure on an idle machine; don't run two benchmarks at once
  - pick n (--runs 10, better 20) and keep it for every file
  - don't rerun until a row turns significant: at p = 0.05 about 1
    row in 20 shows a change that isn't there
  - compare only files whose config lines (cores, cpu, node) agree
`;

export function compareMain(argv: string[]): number {
  try {
    const { values: v, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        col: { type: 'string' },
        'fail-on-regression': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (v.help) {
      process.stdout.write(COMPARE_USAGE);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('no input files');
    if (v.col !== undefined && !/^\/\w[\w-]*$/.test(v.col)) {
      throw new UsageError(`--col takes a name key like /impl`);
    }
    const limit = v['fail-on-regression'];
    const pct = limit === undefined ? undefined : Number(limit);
    if (pct !== undefined && !(pct >= 0)) {
      throw new UsageError('--fail-on-regression needs a percentage');
    }
    const files: LabeledFile[] = positionals.map((arg) => {
      const m = /^([^=/\\]+)=(.+)$/.exec(arg);
      const path = m ? m[2]! : arg;
      return { label: m ? m[1]! : basename(path), file: readResults(path) };
    });
    const result = compare(files, {
      ...(v.col !== undefined && { col: v.col }),
      ...(pct !== undefined && { failOnRegression: pct }),
    });
    process.stdout.write(result.text);
    if (result.regressions.length > 0) {
      process.stderr.write(
        `regressions:\n${result.regressions.map((r) => `  ${r}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof TypeError && 'code' in err) {
      process.stderr.write(`bench:compare: ${err.message}\n${COMPARE_USAGE}`);
      return 2;
    }
    const code = fail(err, 'bench:compare');
    if (code === 2) process.stderr.write(COMPARE_USAGE);
    return code;
  }
}

// ── npm run bench:plot ─────────────────────────────────────────────

export const PLOT_USAGE = `usage: npm run bench:plot -- FILE [--out FILE.svg]
  writes FILE's picture next to it as .svg (speed-up vs workers for
  worker sweeps, bars with 95% CI otherwise)
`;

export function plotMain(argv: string[]): number {
  try {
    const { values: v, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (v.help) {
      process.stdout.write(PLOT_USAGE);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError('give exactly one result file');
    }
    const input = positionals[0]!;
    const file = readResults(input);
    if (file.benchmarks.length === 0) {
      throw new Error(`${input}: no benchmarks to plot`);
    }
    const out = v.out ?? join(dirname(input),
      `${basename(input).replace(/\.(json|txt)$/, '')}.svg`);
    writeFileSync(out, plotSvg(file));
    process.stdout.write(`wrote ${out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof TypeError && 'code' in err) {
      process.stderr.write(`bench:plot: ${err.message}\n${PLOT_USAGE}`);
      return 2;
    }
    const code = fail(err, 'bench:plot');
    if (code === 2) process.stderr.write(PLOT_USAGE);
    return code;
  }
}
