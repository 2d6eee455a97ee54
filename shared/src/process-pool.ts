/**
 * ProcessPool: a fixed set of child processes that run one task module,
 * Node's answer to Python's `multiprocessing.Pool` and
 * `concurrent.futures.ProcessPoolExecutor`.
 *
 * Why hand-written: piscina (our thread pool) has no process mode;
 * workerpool's process workers must call `workerpool.worker({...})`
 * themselves instead of default-exporting a function, and tinypool's
 * `child_process` runtime is an internal of vitest's. None starts its
 * children through tsx's loader (forkTs), and none names the pid of a
 * child that died. The whole pool is one `fork` per slot, a FIFO queue
 * and a request/reply over the IPC channel, so it reads as teaching code.
 *
 * How it works: each child runs ./process-pool-child.ts, which imports
 * the task module and calls its default export for every `{ id, input }`
 * it receives. A child takes one task at a time. Inputs and results use
 * the `advanced` (V8 structured clone) serialization by default, so Map,
 * BigInt, Date and typed arrays cross as they do to a worker thread.
 *
 * Children start in the constructor; `await pool.ready()` waits until
 * every child has loaded the task module (a tsx child takes a few hundred
 * ms), so benchmarks keep start-up out of their timed work. A child that
 * dies mid-task rejects that task with a ChildDiedError naming its pid and
 * is replaced. A child that dies closes its IPC channel, and the parent
 * dying closes it too: a child exits when its channel closes, so nothing
 * is left behind.
 */
import os from 'node:os';
import type { ChildProcess, Serializable } from 'node:child_process';
import { forkTs } from './processes.ts';

const CHILD = new URL('./process-pool-child.ts', import.meta.url);

/** How long close() lets a child exit by itself before killing it. */
const CLOSE_GRACE_MS = 5_000;

export interface ProcessPoolOptions {
  /** How many children; default `os.availableParallelism()`. */
  size?: number;
  /** IPC serialization; default 'advanced' (structured clone). */
  serialization?: 'json' | 'advanced';
}

// ── The wire protocol, shared with process-pool-child.ts ──────────────
export interface WireError {
  name: string;
  message: string;
  stack?: string;
}
export interface ToChild {
  id: number;
  input: unknown;
}
export type FromChild =
  | { kind: 'ready' }
  | { kind: 'failed'; error: WireError }
  | { kind: 'done'; id: number; ok: true; value: unknown }
  | { kind: 'done'; id: number; ok: false; error: WireError };

/** A task failed: the child's own error, rebuilt with its name. */
export class TaskError extends Error {
  readonly pid: number;
  constructor(wire: WireError, pid: number) {
    super(wire.message);
    this.name = wire.name;
    this.pid = pid;
    if (wire.stack !== undefined) this.stack = wire.stack;
  }
}

/** A child exited while it held a task (or before it started). */
export class ChildDiedError extends Error {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  constructor(
    pid: number,
    code: number | null,
    signal: NodeJS.Signals | null,
    doing: string,
  ) {
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    super(`process pool child ${pid} died (${how}) ${doing}`);
    this.name = 'ChildDiedError';
    this.pid = pid;
    this.code = code;
    this.signal = signal;
  }
}

interface Job {
  id: number;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface Slot {
  child: ChildProcess;
  pid: number;
  ready: boolean;
  /** Killed by an abort: takes no more tasks, is not yet gone. */
  retiring: boolean;
  job: Job | undefined;
  failure: Error | undefined;
  exited: Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ProcessPool {
  readonly size: number;
  readonly #module: URL;
  readonly #serialization: 'json' | 'advanced';
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 0;
  #closing = false;
  #closed: Promise<void> | undefined;
  #startupError: Error | undefined;
  #readyWaiters: Waiter[] = [];
  #idleWaiters: Array<() => void> = [];

  constructor(taskModule: URL, options: ProcessPoolOptions = {}) {
    this.size = options.size ?? os.availableParallelism();
    if (!Number.isInteger(this.size) || this.size < 1) {
      throw new RangeError(`pool size must be >= 1, got ${this.size}`);
    }
    this.#module = taskModule;
    this.#serialization = options.serialization ?? 'advanced';
    for (let i = 0; i < this.size; i++) this.#spawn();
  }

  /** The pids of the children alive now. */
  get pids(): number[] {
    return this.#slots.map((s) => s.pid);
  }

  /** Resolves once every child has loaded the task module. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#readyWaiters.push({ resolve, reject });
      this.#checkReady();
    });
  }

  run<I, O>(input: I, options: { signal?: AbortSignal } = {}): Promise<O> {
    const { signal } = options;
    if (this.#closing) {
      return Promise.reject(new Error('the process pool is closed'));
    }
    if (this.#startupError !== undefined && this.#slots.length === 0) {
      return Promise.reject(this.#startupError);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<O>((resolve, reject) => {
      const job: Job = {
        id: this.#nextId++,
        input,
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
        onAbort: undefined,
      };
      if (signal !== undefined) {
        job.onAbort = () => this.#abort(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /** Runs every input; results come back in input order. */
  map<I, O>(inputs: Iterable<I>): Promise<O[]> {
    return Promise.all(Array.from(inputs, (input) => this.run<I, O>(input)));
  }

  /** Waits for queued and running tasks, then stops every child. */
  close(): Promise<void> {
    this.#closed ??= this.#shutDown();
    return this.#closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ── Children ─────────────────────────────────────────────────────
  #spawn(): void {
    const child = forkTs(CHILD, [this.#module.href], {
      serialization: this.#serialization,
    });
    if (child.pid === undefined) {
      // fork reports a failed start as an 'error' event; say it here.
      child.once('error', () => {});
      this.#startupError = new Error(`could not start a pool child`);
      this.#failQueue();
      return;
    }
    let markExited = (): void => {};
    const slot: Slot = {
      child,
      pid: child.pid,
      ready: false,
      retiring: false,
      job: undefined,
      failure: undefined,
      exited: new Promise((resolve) => (markExited = resolve)),
    };
    this.#slots.push(slot);
    child.on('message', (message: FromChild) => this.#receive(slot, message));
    child.once('exit', (code, signal) => {
      this.#childExited(slot, code, signal);
      markExited();
    });
  }

  #receive(slot: Slot, message: FromChild): void {
    if (message.kind === 'ready') {
      slot.ready = true;
      this.#checkReady();
      this.#dispatch();
      return;
    }
    if (message.kind === 'failed') {
      slot.failure = new TaskError(message.error, slot.pid);
      return;
    }
    const job = slot.job;
    if (job === undefined || job.id !== message.id) return; // aborted
    slot.job = undefined;
    this.#settle(job);
    if (message.ok) job.resolve(message.value);
    else job.reject(new TaskError(message.error, slot.pid));
    this.#dispatch();
  }

  #childExited(
    slot: Slot,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    this.#slots = this.#slots.filter((s) => s !== slot);
    const job = slot.job;
    slot.job = undefined;
    if (job !== undefined) {
      this.#settle(job);
      job.reject(new ChildDiedError(slot.pid, code, signal,
        'while running a task'));
    }
    if (!slot.ready) {
      // The task module did not load: respawning would fail the same way.
      this.#startupError = slot.failure ?? new ChildDiedError(
        slot.pid, code, signal, `before loading ${this.#module.href}`);
      if (this.#slots.length === 0) this.#failQueue();
      this.#checkReady();
    } else if (!this.#closing) {
      this.#spawn();
    }
    this.#dispatch();
  }

  // ── Scheduling ───────────────────────────────────────────────────
  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) break;
      if (!slot.ready || slot.retiring || slot.job) continue;
      const job = this.#queue.shift()!;
      slot.job = job;
      try {
        slot.child.send({ id: job.id, input: job.input } as Serializable);
      } catch (error) {
        // The input cannot be serialized (say, a function).
        slot.job = undefined;
        this.#settle(job);
        job.reject(error);
      }
    }
    if (this.#queue.length === 0 && this.#slots.every((s) => !s.job)) {
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  // A queued task just leaves the queue; a running one costs its child,
  // which is killed (there is no way to interrupt a busy process) and
  // replaced.
  #abort(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) this.#queue.splice(queued, 1);
    const slot = this.#slots.find((s) => s.job === job);
    if (slot !== undefined) {
      slot.job = undefined;
      slot.retiring = true;
      slot.child.kill('SIGKILL');
    }
    this.#settle(job);
    job.reject(job.signal?.reason);
    this.#dispatch();
  }

  #settle(job: Job): void {
    if (job.onAbort !== undefined) {
      job.signal?.removeEventListener('abort', job.onAbort);
    }
  }

  #failQueue(): void {
    for (const job of this.#queue.splice(0)) {
      this.#settle(job);
      job.reject(this.#startupError);
    }
  }

  #checkReady(): void {
    const ready = this.#slots.filter((s) => s.ready && !s.retiring).length;
    if (this.#startupError !== undefined) {
      for (const w of this.#readyWaiters.splice(0)) {
        w.reject(this.#startupError);
      }
    } else if (ready >= this.size) {
      for (const w of this.#readyWaiters.splice(0)) w.resolve();
    }
  }

  async #shutDown(): Promise<void> {
    // Let the queue drain first: close() is "finish, then stop".
    await new Promise<void>((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#dispatch();
    });
    this.#closing = true;
    const slots = [...this.#slots];
    for (const slot of slots) {
      // Closing the channel is the child's cue to exit by itself.
      if (slot.child.connected) slot.child.disconnect();
      const timer = setTimeout(() => slot.child.kill('SIGKILL'),
        CLOSE_GRACE_MS);
      void slot.exited.then(() => clearTimeout(timer));
    }
    await Promise.all(slots.map((s) => s.exited));
  }
}
