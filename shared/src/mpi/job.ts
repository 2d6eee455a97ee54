/**
 * A job that stays up between requests, for benchmarks: the ranks start
 * once (untimed), then each `request` is broadcast from rank 0 to every
 * rank, all ranks run the handler, and rank 0's result comes back.
 *
 * `timed(request)` also returns how long rank 0 took, on rank 0's own
 * clock from the moment every rank is awake and running to the
 * handler's end. That is how the mpi4py peers time themselves
 * (benchmarks/peers/python/mpi_launch.py), so the two compare like with
 * like: the trip from the harness and the wake-up of a sleeping rank
 * are outside both clocks, and both start on cores that have run for
 * WARM_MS first. The harness times other variants between samples, so
 * a rank has slept 30-100 ms before each one, and on this 2-core VM a
 * core needs a while of running to be back at speed: a 1M-double
 * allreduce after 30 ms asleep took 6-9 ms with 2 ms of warm-up and
 * 4-5 ms with 10; after 100 ms asleep it needed about 20 (4-5 ms
 * against 5-10). Both sides get the same 20 ms (mpi_launch.py); an
 * untimed `request` skips it.
 *
 *   // launcher                        // rank program
 *   const job = startJob(url, 2);      if (inRank()) await runRank((c) =>
 *   await job.request({ n: 1000 });      serveRequests(c, handle));
 *   await job.close();
 */
import { parentPort } from 'node:worker_threads';
import type { Comm } from './comm.ts';
import { mpiRun, type Line, type RunOptions } from './launch.ts';

// `warm`: a timed request, whose ranks warm their cores first.
interface Wire { mpiRequest?: unknown; warm?: boolean; mpiReply?: Timed }

/** What rank 0 answered, and the nanoseconds its handler took. */
export interface Timed<R = unknown> { answer: R; ns: number }

export interface Job {
  request<R = unknown>(request: unknown): Promise<R>;
  timed<R = unknown>(request: unknown): Promise<Timed<R>>;
  /** Ends the ranks and waits for them. */
  close(): Promise<void>;
}

export function startJob(entry: URL | string, size: number,
  options: RunOptions = {}): Job {
  let line: Line | undefined;
  let pending: ((reply: Timed) => void) | undefined;
  let fail: (error: unknown) => void = () => {};
  const ready = new Promise<Line>((resolve) => {
    options = { ...options, rank0: (l) => {
      line = l;
      l.on((m) => {
        const w = m as Wire;
        if (w && 'mpiReply' in w) pending?.(w.mpiReply!);
      });
      resolve(l);
    } };
  });
  const done = mpiRun(entry, size, options);
  done.catch((error: unknown) => fail(error));
  async function ask<R>(request: unknown, warm: boolean):
  Promise<Timed<R>> {
    const l = line ?? await ready;
    return new Promise<Timed<R>>((resolve, reject) => {
      pending = resolve as (reply: Timed) => void;
      fail = reject;
      l.post({ mpiRequest: request, warm } satisfies Wire);
    });
  }
  return {
    timed: (request) => ask(request, true),
    async request<R>(request: unknown): Promise<R> {
      return (await ask<R>(request, false)).answer;
    },
    async close(): Promise<void> {
      (line ?? await ready).post({ mpiRequest: null });
      await done;
    },
  };
}

// The next request from the launcher, on rank 0.
function nextRequest(): Promise<Wire> {
  return new Promise((resolve) => {
    const on = (m: unknown): void => {
      const w = m as Wire;
      if (!w || !('mpiRequest' in w)) return;
      if (parentPort) parentPort.off('message', on);
      else process.off('message', on);
      resolve(w);
    };
    if (parentPort) parentPort.on('message', on);
    else process.on('message', on);
  });
}

function reply(value: Timed): void {
  if (parentPort) parentPort.postMessage({ mpiReply: value });
  else process.send?.({ mpiReply: value });
}

/** Spinning before each timed request (see the header). */
export const WARM_MS = 20;

// Keeps this core busy for `ms`: a warm-up, not a sleep.
function runFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* spin */ }
}

/** Rank side: answer requests until the launcher closes the job. */
export async function serveRequests<Q>(comm: Comm,
  handle: (comm: Comm, request: Q) => Promise<unknown> | unknown):
Promise<void> {
  for (;;) {
    const wire = comm.rank === 0 ? await nextRequest() : null;
    const { mpiRequest: shared, warm } = await comm.bcast(wire) as Wire;
    if (shared === null) return;
    // Every rank is awake past this barrier; for a timed request each
    // runs for WARM_MS, they meet again, and only then the clock starts.
    await comm.barrier();
    if (warm === true) {
      runFor(WARM_MS);
      await comm.barrier();
    }
    const start = process.hrtime.bigint();
    const answer = await handle(comm, shared as Q);
    const ns = Number(process.hrtime.bigint() - start);
    if (comm.rank === 0) reply({ answer, ns });
  }
}
