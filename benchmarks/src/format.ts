/**
 * Result files in two forms that hold the same thing:
 *
 * - the Go benchmark format (golang.org/design/14313-benchmark-format),
 *   so that people and the real `benchstat` can read our results:
 *   `key: value` configuration lines, then one line per run,
 *   `BenchmarkName <iterations> <value> ns/op`;
 * - a versioned JSON document with the raw samples and their summaries.
 *
 * In memory a file is its file-level `config` plus benchmarks, each with
 * the configuration lines that apply only to it (its suite's `recipe:`,
 * a backend a bench declared).
 */
import { readFileSync } from 'node:fs';
import { medianCI } from './stats.ts';

export type Config = Record<string, string>;

export interface Benchmark {
  /** Without the `Benchmark` prefix: `Suite/key=value/...`. */
  name: string;
  unit: string;
  /** One value per run, in `unit` (ns/op: per operation). */
  samples: number[];
  /** Operations per run (the Go format's iteration count); default 1. */
  ops?: number;
  /** Configuration that applies to this benchmark only. */
  config?: Config;
}

export interface ResultFile {
  config: Config;
  benchmarks: Benchmark[];
}

export const JSON_SCHEMA = 1;

/** Config keys must be lower-case words without spaces (benchfmt). */
export function configKey(key: string): string {
  return key.trim().replace(/\s+/g, '-').replace(/[A-Z]/g, (c) =>
    c.toLowerCase(),
  );
}

/** The configuration in force for one benchmark. */
export function effectiveConfig(file: ResultFile, b: Benchmark): Config {
  return { ...file.config, ...b.config };
}

/**
 * Moves every key that has the same value for all benchmarks up to the
 * file level and leaves only the differing ones per benchmark, so two
 * files that say the same thing compare equal.
 */
export function normalize(file: ResultFile): ResultFile {
  const all = file.benchmarks.map((b) => effectiveConfig(file, b));
  const keys = new Set(all.flatMap((c) => Object.keys(c)));
  if (all.length === 0) for (const k in file.config) keys.add(k);
  const common: Config = {};
  for (const key of keys) {
    const values = new Set(all.map((c) => c[key]));
    const value = all.length === 0 ? file.config[key] : all[0]![key];
    if (values.size <= 1 && value !== undefined) common[key] = value;
  }
  return {
    config: common,
    benchmarks: file.benchmarks.map((b, i) => {
      const own: Config = {};
      for (const [k, v] of Object.entries(all[i]!)) {
        if (!(k in common)) own[k] = v;
      }
      const out: Benchmark = {
        name: b.name,
        unit: b.unit,
        samples: [...b.samples],
      };
      if ((b.ops ?? 1) !== 1) out.ops = b.ops!;
      if (Object.keys(own).length > 0) out.config = own;
      return out;
    }),
  };
}

// ── Go benchmark format ────────────────────────────────────────────

function formatNumber(x: number): string {
  // Up to 6 significant decimals is well below timer resolution.
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(6)));
}

export function writeGo(file: ResultFile): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(file.config)) {
    lines.push(`${configKey(k)}: ${v}`);
  }
  // Per-benchmark keys are written when they change; a key that stops
  // applying is written with an empty value, which clears it.
  let current: Config = {};
  for (const b of file.benchmarks) {
    const own = b.config ?? {};
    const changes: string[] = [];
    for (const k of Object.keys(current)) {
      if (!(k in own)) changes.push(`${configKey(k)}:`);
    }
    for (const [k, v] of Object.entries(own)) {
      if (current[k] !== v) changes.push(`${configKey(k)}: ${v}`);
    }
    if (changes.length > 0) lines.push('', ...changes);
    current = own;
    for (const value of b.samples) {
      lines.push(
        `Benchmark${b.name}\t${b.ops ?? 1}\t${formatNumber(value)} ${b.unit}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const CONFIG_LINE = /^([a-z][^\sA-Z:]*):(?:\s+(.*?))?\s*$/;
const RESULT_LINE = /^Benchmark(\S+)\s+(\d+)((?:\s+[-+\d.eE]+\s+\S+)+)\s*$/;

/** Parses the Go format; lines that are neither kind are ignored. */
export function parseGo(text: string): ResultFile {
  const config: Config = {};
  const benchmarks: Benchmark[] = [];
  const byKey = new Map<string, Benchmark>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const cfg = CONFIG_LINE.exec(line);
    if (cfg) {
      if (cfg[2] === undefined || cfg[2] === '') delete config[cfg[1]!];
      else config[cfg[1]!] = cfg[2];
      continue;
    }
    const res = RESULT_LINE.exec(line);
    if (!res) continue;
    const ops = Number(res[2]);
    const fields = res[3]!.trim().split(/\s+/);
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const value = Number(fields[i]);
      const unit = fields[i + 1]!;
      // A benchmark is one name under one configuration and unit.
      const key = JSON.stringify([res[1], unit, config]);
      let b = byKey.get(key);
      if (!b) {
        b = { name: res[1]!, unit, samples: [], config: { ...config } };
        if (ops !== 1) b.ops = ops;
        byKey.set(key, b);
        benchmarks.push(b);
      }
      b.samples.push(value);
    }
  }
  if (benchmarks.length === 0) return { config, benchmarks };
  return normalize({ config: {}, benchmarks });
}

// ── JSON ───────────────────────────────────────────────────────────

export interface JsonBenchmark {
  name: string;
  unit: string;
  samples: number[];
  median: number;
  /** 95% CI of the median; null bounds when n is too small. */
  ci: [number | null, number | null];
  ops?: number;
  config?: Config;
}

export interface JsonFile {
  schema: number;
  config: Config;
  benchmarks: JsonBenchmark[];
}

const finite = (x: number): number | null =>
  Number.isFinite(x) ? x : null;

export function writeJson(file: ResultFile): string {
  const doc: JsonFile = {
    schema: JSON_SCHEMA,
    config: file.config,
    benchmarks: file.benchmarks.map((b) => {
      const s = medianCI(b.samples);
      const out: JsonBenchmark = {
        name: b.name,
        unit: b.unit,
        samples: b.samples,
        median: s.median,
        ci: [finite(s.lo), finite(s.hi)],
      };
      if ((b.ops ?? 1) !== 1) out.ops = b.ops!;
      if (b.config && Object.keys(b.config).length > 0) {
        out.config = b.config;
      }
      return out;
    }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function stringRecord(x: unknown, where: string): Config {
  if (x === undefined) return {};
  if (!isRecord(x)) throw new Error(`${where}: expected an object`);
  const out: Config = {};
  for (const [k, v] of Object.entries(x)) out[k] = String(v);
  return out;
}

export function parseJson(text: string): ResultFile {
  const doc: unknown = JSON.parse(text);
  if (!isRecord(doc) || doc['schema'] !== JSON_SCHEMA) {
    throw new Error(`not a bench result (expected "schema": ${JSON_SCHEMA})`);
  }
  const list = doc['benchmarks'];
  if (!Array.isArray(list)) throw new Error('"benchmarks" must be an array');
  const benchmarks = list.map((item: unknown, i): Benchmark => {
    const where = `benchmarks[${i}]`;
    if (!isRecord(item)) throw new Error(`${where}: expected an object`);
    const { name, unit, samples, ops } = item;
    if (typeof name !== 'string' || typeof unit !== 'string') {
      throw new Error(`${where}: "name" and "unit" must be strings`);
    }
    if (!Array.isArray(samples) || !samples.every(Number.isFinite)) {
      throw new Error(`${where}: "samples" must be an array of numbers`);
    }
    const b: Benchmark = { name, unit, samples: samples as number[] };
    if (typeof ops === 'number' && ops !== 1) b.ops = ops;
    const config = stringRecord(item['config'], `${where}.config`);
    if (Object.keys(config).length > 0) b.config = config;
    return b;
  });
  return normalize({
    config: stringRecord(doc['config'], 'config'),
    benchmarks,
  });
}

/** Parses either form, by content. */
export function parseResults(text: string): ResultFile {
  return /^\s*\{/.test(text) ? parseJson(text) : parseGo(text);
}

/**
 * Reads a result file. A file that holds no benchmark at all (another
 * program's JSON, a log) is an error, not an empty comparison.
 */
export function readResults(path: string): ResultFile {
  try {
    const file = parseResults(readFileSync(path, 'utf8'));
    if (file.benchmarks.length === 0) {
      throw new Error('not a benchmark result (no "Benchmark…" lines, and ' +
        `not JSON with "schema": ${JSON_SCHEMA})`);
    }
    return file;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${path}: ${message}`);
  }
}
