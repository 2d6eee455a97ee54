/**
 * The suite API that `*.bench.ts` files use. A suite is declared, not
 * run: the runner (runner.ts) imports the bench file, takes its default
 * export and decides how many rounds to run, in which order, and with or
 * without the Python peers.
 *
 *   export default suite('Mandelbrot', { runs: 10 })
 *     .add('impl=serial', () => renderSerial())          // the baseline
 *     .add('impl=piscina/workers=2', () => renderInPool(pool), {
 *       before: () => { pool = makePool(2); },
 *       after: () => pool.destroy(),
 *     });
 */

export type Hook = () => unknown;
export type MetaRecord = Record<string, string | number>;

export interface SuiteOptions {
  /** Timed rounds; default 10. `--runs N` and BENCH_RUNS override. */
  runs?: number;
  /** Rounds run first and discarded; default 1. */
  warmup?: number;
  /** Suite setup, untimed (start pools, servers). */
  before?: Hook;
  /** Suite teardown, untimed; always runs, even after a failure. */
  after?: Hook;
  /** Maps a run's return value to a JSON-comparable answer. */
  answer?: (result: unknown) => unknown;
  /** Is `answer` right, given the baseline's? Default: deep equality. */
  check?: (answer: unknown, baseline: unknown) => boolean;
  /**
   * Details printed and recorded with the results, e.g. the backend a
   * GPU bench really got. A function is called after `before`.
   */
  meta?: MetaRecord | (() => MetaRecord);
}

export interface VariantOptions {
  /** Per-variant setup and teardown, untimed. */
  before?: Hook;
  after?: Hook;
  /** Operations one run performs: results are reported per operation. */
  ops?: number;
  /**
   * The variant times itself, as a peer does: `fn` resolves to
   * `{ ns, answer }` and the harness records that `ns` instead of its
   * own clock (e.g. an MPI job whose rank 0 starts its clock only once
   * every rank is awake, as the mpi4py peers do).
   */
  timesItself?: boolean;
}

export interface PeerOptions {
  /** The Python script (see benchmarks/peers/python/README.md). */
  script: URL | string;
  args?: string[];
  /** Modules /usr/bin/python3 must import, else the peer is skipped. */
  modules?: string[];
  /** Peers may run fewer rounds than the suite (slow Python). */
  runs?: number;
  ops?: number;
}

export interface FnVariant {
  kind: 'fn';
  name: string;
  fn: () => unknown;
  options: VariantOptions;
}

export interface PeerVariant {
  kind: 'peer';
  name: string;
  peer: PeerOptions;
}

export type Variant = FnVariant | PeerVariant;

const SUITE_NAME = /^[A-Z][^\s/]*$/;
const VARIANT_NAME = /^[^\s/]+(\/[^\s/]+)*$/;

export class Suite {
  readonly name: string;
  readonly options: SuiteOptions;
  readonly variants: Variant[] = [];

  constructor(name: string, options: SuiteOptions = {}) {
    // The Go format needs `Benchmark` followed by a non-lower-case
    // letter, and names without spaces.
    if (!SUITE_NAME.test(name)) {
      throw new Error(
        `suite name '${name}' must start with an upper-case letter ` +
          `and contain no spaces or '/'`,
      );
    }
    this.name = name;
    this.options = options;
  }

  /** Adds a variant; the first one added is the baseline. */
  add(name: string, fn: () => unknown, options: VariantOptions = {}): this {
    this.checkName(name);
    this.checkOps(name, options.ops);
    this.variants.push({ kind: 'fn', name, fn, options });
    return this;
  }

  /** Adds a Python peer that runs the same workload in its own process. */
  peer(name: string, peer: PeerOptions): this {
    this.checkName(name);
    this.checkOps(name, peer.ops);
    if (this.variants.length === 0) {
      throw new Error(`${this.name}/${name}: a peer cannot be the baseline`);
    }
    this.variants.push({ kind: 'peer', name, peer });
    return this;
  }

  // The Go format counts whole operations (`BenchmarkX 1000 ... ns/op`):
  // a fractional count would be written and then never read back.
  private checkOps(name: string, ops: number | undefined): void {
    if (ops !== undefined && !(Number.isInteger(ops) && ops >= 1)) {
      throw new Error(`${this.name}/${name}: ops must be a whole number ` +
        `>= 1, got ${ops}`);
    }
  }

  private checkName(name: string): void {
    if (!VARIANT_NAME.test(name)) {
      throw new Error(
        `${this.name}: variant name '${name}' must be key=value parts ` +
          `joined by '/', without spaces`,
      );
    }
    if (this.variants.some((v) => v.name === name)) {
      throw new Error(`${this.name}: duplicate variant '${name}'`);
    }
  }
}

export function suite(name: string, options: SuiteOptions = {}): Suite {
  return new Suite(name, options);
}

/**
 * True under `npm run bench -- --smoke` and in the `npm test` smoke run
 * (BENCH_SMOKE=1): bench files shrink their workloads so every suite
 * finishes in well under a second.
 */
export function isSmoke(): boolean {
  return process.env['BENCH_SMOKE'] === '1';
}

/** `full` normally, `small` in a smoke run: `smokeSize(2_000_000, 2_000)`. */
export function smokeSize<T>(full: T, small: T): T {
  return isSmoke() ? small : full;
}

/**
 * The family a variant belongs to for speed-ups: the language of a peer
 * (`peer=python-threads` → `python`), or `node` for our own variants.
 */
export function familyOf(name: string): string {
  return /(?:^|\/)peer=([^/-]+)/.exec(name)?.[1] ?? 'node';
}

/** The value of `key=` in a variant name, if any. */
export function partOf(name: string, key: string): string | undefined {
  return new RegExp(`(?:^|/)${key}=([^/]+)`).exec(name)?.[1];
}

/**
 * Which variant a parallel variant's speed-up is measured against, among
 * those of its family that name no worker count: the one with the same
 * `impl=` (a contended `impl=mutex/workers=2` against `impl=mutex` on
 * one thread), else the first (Python threads against serial Python, not
 * serial Node; the suite's baseline stays the reference for "Relative").
 */
export function speedupReference<T extends { name: string }>(
  variant: T,
  variants: readonly T[],
): T | undefined {
  const family = familyOf(variant.name);
  const candidates = variants.filter((v) => workersOf(v.name) === undefined
    && familyOf(v.name) === family);
  const impl = partOf(variant.name, 'impl');
  return candidates.find((v) => impl !== undefined &&
    partOf(v.name, 'impl') === impl) ?? candidates[0];
}

/** The worker count a variant name declares (`.../workers=4`). */
export function workersOf(name: string): number | undefined {
  const m = /(?:^|\/)workers=(\d+)(?:\/|$)/.exec(name);
  return m ? Number(m[1]) : undefined;
}
