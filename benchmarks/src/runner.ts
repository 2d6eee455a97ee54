/**
 * Runs a suite: setup outside the timed region, warmup rounds thrown
 * away, then rounds in which every variant runs once in a shuffled order
 * (benchstat's advice to interleave runs, so that a slow minute of the
 * machine hits every variant alike), and every answer checked once
 * against the baseline's so that a fast wrong answer fails the run.
 */
import { isDeepStrictEqual } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { PeerProcess, peerSkipReason } from './peers.ts';
import { workersOf, type Suite, type Variant } from './suite.ts';

/** A failure the CLI prints as one line (suite and variant named). */
export class BenchError extends Error {
  override name = 'BenchError';
}

export interface Progress {
  suite: string;
  variant: string;
  /** 1-based; warmup rounds come first. */
  round: number;
  rounds: number;
  warmup: boolean;
}

export interface RunOptions {
  /** Overrides the suite's `runs` (CLI `--runs`, smoke runs). */
  runs?: number;
  warmup?: number;
  /** false: report peers as skipped (`--no-peers`). */
  peers?: boolean;
  /** Runs only matching `Suite/variant` names (the baseline always). */
  filter?: RegExp;
  /** Recorded as the suite's `recipe:` line. */
  recipe?: string;
  onProgress?: (p: Progress) => void;
  /** For tests: a deterministic shuffle. */
  random?: () => number;
}

export interface VariantResult {
  name: string;
  /** ns per operation, one per timed run. */
  samples: number[];
  ops: number;
  peer: boolean;
  workers?: number;
  /** Why it did not run (a peer without its Python modules). */
  skipped?: string;
}

export interface SuiteResult {
  name: string;
  recipe?: string;
  meta: Record<string, string>;
  variants: VariantResult[];
}

interface State {
  variant: Variant;
  result: VariantResult;
  runs: number;
  answer?: { value: unknown };
  peer?: PeerProcess;
  started: boolean;
}

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new BenchError(`${name} must be a whole number, got '${raw}'`);
  }
  return n;
}

export function runsFor(suite: Suite, options: RunOptions = {}): number {
  return options.runs ?? envInt('BENCH_RUNS') ?? suite.options.runs ?? 10;
}

// A GC between runs keeps one variant's garbage from being collected on
// the next one's clock. Without --expose-gc we switch the flag on and
// fetch `gc` from a fresh context, where V8 then installs it.
let gcFn: (() => void) | undefined;
function collectGarbage(): void {
  if (!gcFn) {
    const global = globalThis as { gc?: () => void };
    if (global.gc) {
      gcFn = global.gc;
    } else {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFn();
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A JSON view of an answer, so JS and Python answers compare alike. */
export function jsonable(value: unknown): unknown {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      return Array.from(v as unknown as ArrayLike<number>);
    }
    if (v instanceof Map) return [...v.entries()];
    if (v instanceof Set) return [...v.values()];
    return v;
  });
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

function preview(value: unknown): string {
  const text = JSON.stringify(jsonable(value)) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? '';
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    (typeof x === 'object' || typeof x === 'function') &&
    x !== null &&
    typeof (x as { then?: unknown }).then === 'function'
  );
}

// A `timesItself` variant's own { ns, answer }, checked like a peer's.
function selfTimed(st: State, value: unknown):
{ ns: number; answer: unknown } {
  const { ns, answer } = (value ?? {}) as { ns?: unknown; answer?: unknown };
  if (typeof ns !== 'number' || !(ns >= 0)) {
    throw new BenchError(`${st.variant.name}: times itself but returned ` +
      `${preview(value)}, not { ns, answer }`);
  }
  return { ns, answer };
}

async function timeOnce(
  suite: Suite,
  st: State,
): Promise<{ ns: number; answer: unknown }> {
  const { variant } = st;
  if (variant.kind === 'peer') {
    const reply = await st.peer!.run();
    return { ns: reply.ns, answer: reply.answer };
  }
  const start = process.hrtime.bigint();
  let result = variant.fn();
  if (isThenable(result)) result = await result;
  let ns = Number(process.hrtime.bigint() - start);
  if (variant.options.timesItself) {
    ({ ns, answer: result } = selfTimed(st, result));
  }
  const map = suite.options.answer ?? ((r: unknown) => r);
  return { ns, answer: map(result) };
}

function checkAnswers(suite: Suite, states: State[]): void {
  const base = states[0]!;
  if (!base.answer) return;
  const custom = suite.options.check;
  for (const st of states.slice(1)) {
    if (!st.answer) continue;
    const peer = st.variant.kind === 'peer';
    // Peers speak JSON, so they are compared with the JSON view.
    const expected = peer ? jsonable(base.answer.value) : base.answer.value;
    const got = st.answer.value;
    const ok = custom
      ? custom(got, expected)
      : isDeepStrictEqual(jsonable(got), jsonable(expected));
    if (!ok) {
      throw new BenchError(
        `${suite.name}/${st.variant.name}: wrong answer ${preview(got)}, ` +
          `baseline ${base.variant.name} gave ${preview(expected)}`,
      );
    }
  }
}

function resolveMeta(suite: Suite): Record<string, string> {
  const raw = suite.options.meta;
  const record = typeof raw === 'function' ? raw() : (raw ?? {});
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) out[k] = String(v);
  return out;
}

function initialStates(suite: Suite, options: RunOptions): State[] {
  const runs = runsFor(suite, options);
  const peersOn = options.peers ?? process.env['BENCH_NO_PEERS'] !== '1';
  return suite.variants
    .filter(
      (v, i) =>
        i === 0 ||
        !options.filter ||
        options.filter.test(`${suite.name}/${v.name}`),
    )
    .map((variant): State => {
      const result: VariantResult = {
        name: variant.name,
        samples: [],
        ops: 1,
        peer: variant.kind === 'peer',
      };
      const workers = workersOf(variant.name);
      if (workers !== undefined) result.workers = workers;
      let own = runs;
      if (variant.kind === 'fn') {
        result.ops = variant.options.ops ?? 1;
      } else {
        result.ops = variant.peer.ops ?? 1;
        own = Math.min(variant.peer.runs ?? runs, runs);
        const why = peersOn
          ? peerSkipReason(variant.peer)
          : 'peers disabled (--no-peers)';
        if (why) result.skipped = why;
      }
      return { variant, result, runs: own, started: false };
    });
}

/** Runs one suite; throws BenchError naming suite and variant. */
export async function runSuite(
  suite: Suite,
  options: RunOptions = {},
): Promise<SuiteResult> {
  const warmup = options.warmup ?? suite.options.warmup ?? 1;
  const random = options.random ?? Math.random;
  const states = initialStates(suite, options);
  const out: SuiteResult = { name: suite.name, meta: {}, variants: [] };
  if (options.recipe !== undefined) out.recipe = options.recipe;
  let failure: unknown;
  try {
    await step(suite.name, 'before', suite.options.before);
    out.meta = resolveMeta(suite);
    for (const st of states) {
      if (st.result.skipped) continue;
      const where = `${suite.name}/${st.variant.name}`;
      if (st.variant.kind === 'peer') {
        st.peer = new PeerProcess(st.variant.peer);
      } else {
        await step(where, 'before', st.variant.options.before);
      }
      st.started = true;
    }
    const rounds = warmup + Math.max(...states.map((s) => s.runs));
    for (let round = 0; round < rounds; round++) {
      const active = states.filter(
        (s) => !s.result.skipped && round < warmup + s.runs,
      );
      for (const st of shuffle(active, random)) {
        options.onProgress?.({
          suite: suite.name,
          variant: st.variant.name,
          round: round + 1,
          rounds,
          warmup: round < warmup,
        });
        collectGarbage();
        let run: { ns: number; answer: unknown };
        try {
          run = await timeOnce(suite, st);
        } catch (err) {
          const verb = st.variant.kind === 'fn' ? ' threw:' : ':';
          throw new BenchError(
            `${suite.name}/${st.variant.name}${verb} ${message(err)}`,
          );
        }
        if (round >= warmup) st.result.samples.push(run.ns / st.result.ops);
        st.answer ??= { value: run.answer };
      }
      if (round === 0) checkAnswers(suite, states);
    }
  } catch (err) {
    failure = err;
  } finally {
    // Teardown in reverse order, every step even if one fails.
    for (const st of [...states].reverse()) {
      if (!st.started) continue;
      const where = `${suite.name}/${st.variant.name}`;
      try {
        if (st.peer) await st.peer.close();
        else if (st.variant.kind === 'fn') {
          await step(where, 'after', st.variant.options.after);
        }
      } catch (err) {
        failure ??= err;
      }
    }
    try {
      await step(suite.name, 'after', suite.options.after);
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== undefined) {
    throw failure instanceof BenchError
      ? failure
      : new BenchError(`${suite.name}: ${message(failure)}`);
  }
  out.variants = states.map((s) => s.result);
  return out;
}

async function step(
  where: string,
  what: string,
  hook: (() => unknown) | undefined,
): Promise<void> {
  if (!hook) return;
  try {
    await hook();
  } catch (err) {
    throw new BenchError(`${where}: ${what} failed: ${message(err)}`);
  }
}
