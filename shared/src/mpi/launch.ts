/**
 * Starting ranks, like `mpiexec -n N`, and joining a job as a rank.
 *
 *   mpiRun(url, 4)                   4 worker threads on shared memory
 *   mpiRun(url, 4, { transport: 'port' })   ... on MessagePorts
 *   mpiRun(url, 4, { transport: 'tcp' })    4 processes on 127.0.0.1
 *   mpiRun(url, 4, { transport: 'unix' })   4 processes, Unix sockets
 *
 * Every rank imports the same module (as mpiexec runs the same script),
 * and the module calls `runRank(body)` when `inRank()` is true. The
 * launcher collects each rank's return value, turns the first error of
 * any rank into a job abort (MPI_Abort), and watches for deadlock: when
 * every live rank sleeps in a receive or send, no ring holds data and
 * nothing moved for `deadlockMs`, it aborts the job with a report that
 * names the ranks, what each waits for, and the tags.
 *
 * A process started by Open MPI's `mpirun` (OMPI_COMM_WORLD_RANK/SIZE),
 * by Slurm's `srun` (SLURM_PROCID/SLURM_NTASKS) or by our own launcher
 * (MPI_RANK/MPI_SIZE) is a rank too; see socket.ts for how those ranks
 * find each other.
 */
import { availableParallelism } from 'node:os';
import {
  isMainThread,
  MessageChannel,
  workerData,
  parentPort,
  type MessagePort,
  type Worker,
} from 'node:worker_threads';
import { Comm } from './comm.ts';
import { Engine } from './engine.ts';
import { PortTransport, type PortShared } from './port.ts';
import { createSabShared, ringsEmpty, SabTransport, type SabShared }
  from './sab.ts';
import {
  ABORT, BELL, BLOCKED, DONE, MOVED, OP, PEER, SLOT, spinsFor, STATE, TAG,
  type Transport,
} from './transport.ts';
import { envRank, launchProcesses, SocketTransport } from './socket.ts';
import { DeadlockError, MpiJobError } from './errors.ts';

export { DeadlockError, MpiJobError, type Blocked } from './errors.ts';

export type TransportName = 'sab' | 'port' | 'tcp' | 'unix';

export interface RunOptions {
  transport?: TransportName;
  /** Abort after this long with every rank blocked (default 3000). */
  deadlockMs?: number;
  /** Handed to every rank as `args()`. */
  args?: unknown;
  /** Gets a line to rank 0 (see job.ts); for long-lived jobs. */
  rank0?: (line: Line) => void;
}

/** Messages between the launcher and rank 0, in both directions. */
export interface Line {
  post(message: unknown): void;
  on(listener: (message: unknown) => void): void;
}

/** What a worker rank is started with. */
interface RankSetup {
  mpiRank: number;
  size: number;
  transport: 'sab' | 'port';
  sab?: SabShared;
  port?: PortShared;
  args: unknown;
}

function setupOf(): RankSetup | undefined {
  if (isMainThread) return undefined;
  // What spawnWorker's boot.mjs was given: { entry, data }. We read it
  // directly, so a rank need not load workers.ts (and piscina).
  const data = (workerData as { data?: RankSetup } | undefined)?.data;
  return data && typeof data.mpiRank === 'number' ? data : undefined;
}

/** Is this thread or process one rank of a job? */
export function inRank(): boolean {
  return setupOf() !== undefined || envRank() !== undefined;
}

const DEFAULT_DEADLOCK_MS = 3_000;

/** Starts `size` ranks of `entry` and resolves with their return values. */
export async function mpiRun<T = unknown>(entry: URL | string, size: number,
  options: RunOptions = {}): Promise<T[]> {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`mpiRun: -n must be a whole number >= 1, got ${size}`);
  }
  const transport = options.transport ?? 'sab';
  const deadlockMs = options.deadlockMs ??
    (Number(process.env['MPI_DEADLOCK_MS']) || DEFAULT_DEADLOCK_MS);
  if (transport === 'tcp' || transport === 'unix') {
    return launchProcesses<T>(entry, size, transport, deadlockMs,
      options.args, options.rank0);
  }
  return launchThreads<T>(entry, size, transport, deadlockMs, options.args,
    options.rank0);
}

// ── Worker-thread ranks ────────────────────────────────────────────
async function launchThreads<T>(entry: URL | string, size: number,
  kind: 'sab' | 'port', deadlockMs: number, args: unknown,
  rank0?: (line: Line) => void): Promise<T[]> {
  const { join, spawnWorker } = await import('../workers.ts');
  const cells = new SharedArrayBuffer(size * SLOT * 4);
  const global = new SharedArrayBuffer(64);
  const sab = kind === 'sab' ? createSabShared(size, cells, global)
    : undefined;
  const ports = kind === 'port' ? portMesh(size) : undefined;
  const state = new Int32Array(cells);
  const flags = new Int32Array(global);

  const results: T[] = new Array<T>(size);
  const workers: Worker[] = [];
  let failure: Error | undefined;

  // The first failure wins; waking every sleeper lets it see the flag.
  const abort = (error: Error): void => {
    if (failure) return;
    failure = error;
    Atomics.store(flags, ABORT, 1);
    for (let r = 0; r < size; r++) {
      Atomics.add(state, r * SLOT + BELL, 1);
      Atomics.notify(state, r * SLOT + BELL);
    }
    // A rank busy computing never looks at the flag: stop it.
    setTimeout(() => {
      for (const w of workers) void w.terminate();
    }, 100).unref();
  };

  const exits = [];
  for (let rank = 0; rank < size; rank++) {
    const setup: RankSetup = { mpiRank: rank, size, transport: kind, args };
    let transferList: MessagePort[] = [];
    if (sab) setup.sab = sab;
    if (ports) {
      setup.port = { size, cells, global, outbound: ports.out[rank]!,
        inbound: ports.in[rank]! };
      transferList = [...ports.out[rank]!, ...ports.in[rank]!]
        .filter((p): p is MessagePort => p !== null);
    }
    const worker = spawnWorker(entry, setup, { transferList });
    workers.push(worker);
    if (rank === 0) {
      rank0?.({ post: (m) => worker.postMessage(m),
        on: (f) => worker.on('message', f) });
    }
    worker.on('message', (m: { mpiResult?: true; value: T }) => {
      if (m?.mpiResult) results[rank] = m.value;
    });
    // join() marks the worker's error as handled: we report it below.
    exits.push(join(worker).then((code) => {
      Atomics.store(state, rank * SLOT + STATE, DONE);
      if (code !== 0) {
        abort(new MpiJobError(rank, `rank ${rank} exited with code ${code}`));
      }
    }, (e: Error) => {
      Atomics.store(state, rank * SLOT + STATE, DONE);
      abort(new MpiJobError(rank, `rank ${rank} failed: ${e.name}: ` +
        e.message));
    }));
  }

  const watch = watchDeadlock(size, state, deadlockMs,
    () => !sab || ringsEmpty(sab), (blocked) => abort(blocked));
  try {
    await Promise.all(exits);
  } finally {
    clearInterval(watch);
  }
  if (failure) throw failure;
  return results;
}

function portMesh(size: number): {
  out: (MessagePort | null)[][]; in: (MessagePort | null)[][];
} {
  const out = Array.from({ length: size },
    () => new Array<MessagePort | null>(size).fill(null));
  const inb = Array.from({ length: size },
    () => new Array<MessagePort | null>(size).fill(null));
  for (let from = 0; from < size; from++) {
    for (let to = 0; to < size; to++) {
      if (from === to) continue;
      const { port1, port2 } = new MessageChannel();
      out[from]![to] = port1;
      inb[to]![from] = port2;
    }
  }
  return { out, in: inb };
}

/** Polls the ranks' status cells; reports when all are stuck. */
export function watchDeadlock(size: number, state: Int32Array,
  deadlockMs: number, quiet: () => boolean,
  report: (e: DeadlockError) => void): NodeJS.Timeout {
  let since = Date.now();
  const messages = (): number => {
    let sum = 0;
    for (let r = 0; r < size; r++) {
      sum += Atomics.load(state, r * SLOT + MOVED);
    }
    return sum;
  };
  let progress = messages();
  const timer = setInterval(() => {
    const now = Date.now();
    const moved = messages();
    const live = [];
    let stuck = true;
    for (let r = 0; r < size; r++) {
      const s = Atomics.load(state, r * SLOT + STATE);
      if (s === DONE) continue;
      live.push(r);
      if (s !== BLOCKED) stuck = false;
    }
    if (!stuck || moved !== progress || live.length === 0 || !quiet()) {
      since = now;
      progress = moved;
      return;
    }
    if (now - since < deadlockMs) return;
    clearInterval(timer);
    report(new DeadlockError(live.map((rank) => ({
      rank,
      op: state[rank * SLOT + OP] === 2 ? 'send' : 'recv',
      peer: state[rank * SLOT + PEER]!,
      tag: state[rank * SLOT + TAG]!,
    }))));
  }, 50);
  timer.unref();
  return timer;
}

// ── Rank side ──────────────────────────────────────────────────────
let joined: { comm: Comm; args: unknown } | undefined;

async function joinJob(): Promise<{ comm: Comm; args: unknown;
  transport: Transport; }> {
  const setup = setupOf();
  let transport: Transport;
  let args: unknown;
  if (setup) {
    const spins = spinsFor(setup.size, availableParallelism());
    transport = setup.transport === 'sab'
      ? new SabTransport(setup.sab!, setup.mpiRank, spins)
      : new PortTransport(setup.port!, setup.mpiRank, spins);
    args = setup.args;
  } else {
    const env = envRank();
    if (!env) throw new Error('runRank: not started as an MPI rank');
    transport = await SocketTransport.connect(env);
    args = env.args;
  }
  const engine = new Engine(transport);
  if (transport instanceof SocketTransport) transport.attach(engine);
  if (transport instanceof SabTransport) {
    transport.claimer = (source, tag, context, bytes) =>
      engine.claim(source, tag, context, bytes);
  }
  const group = Array.from({ length: transport.size }, (_, r) => r);
  const comm = new Comm(engine, group, 0);
  joined = { comm, args };
  return { comm, args, transport };
}

/** MPI.COMM_WORLD of this rank (after runRank has started). */
export function world(): Comm {
  if (!joined) throw new Error('world(): call it inside runRank()');
  return joined.comm;
}

/** What `mpiRun(..., { args })` handed to every rank. */
export function args<A>(): A {
  return joined?.args as A;
}

/**
 * Runs this rank's program and hands its return value to the launcher.
 * A throw ends the rank with an error, which aborts the job.
 */
export async function runRank<T>(body: (comm: Comm) => Promise<T> | T):
Promise<void> {
  const { comm, transport } = await joinJob();
  let value: T;
  try {
    value = await body(comm);
  } catch (error) {
    // A worker-thread rank lets the error end the thread: the launcher
    // gets it whole. A process rank names it to our launcher (or, under
    // mpirun, on stderr) in one line and exits 1; mpirun then aborts.
    if (setupOf()) throw error;
    const e = error as Error;
    const line = `${e.name}: ${e.message}`;
    if (process.send) {
      process.send({ mpiError: line }, () => process.exit(1));
    } else {
      console.error(`rank ${comm.rank}: ${line}`);
      process.exit(1);
    }
    return;
  }
  if (parentPort && setupOf()) {
    parentPort.postMessage({ mpiResult: true, value });
  } else if (process.send) {
    process.send({ mpiResult: true, value });
  }
  await transport.close();
}
