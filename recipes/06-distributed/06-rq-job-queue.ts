/**
 * An RQ-style job queue: enqueue, poll, and a two-step worker launcher
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › Celery
 *          alternatives – Python-RQ
 * @python  rq/currency.py, rq/main.py, rq/start_workers.py
 * @covers  D6
 * @run     npm run recipe -- distributed/rq-job-queue
 * @needs   redis
 * @timeout 120000
 *
 * Python-RQ needs only Redis. The book enqueues `get_rate(pair)` per
 * pair and busy-polls `job.result`; its `start_workers.py N` launches N
 * `rqworker`s and, on Ctrl-C, sends each SIGTERM (finish the current
 * job), then SIGKILL after half a second. We poll with BullMQ's
 * `Job.fromId` and stop our forked workers (06-rq-job-queue.worker.ts)
 * the same two-step way: a short job finishes, a stuck one is cut off.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue } from 'bullmq';
import { exited, isEntry } from '@cookbook/shared';
import { useRedis, type RedisServer } from '@cookbook/shared/services/redis';
import {
  BOOK_PAIRS, startRateStub,
} from '@cookbook/shared/services/rate-stub';
import { startWorkers } from '@cookbook/shared/services/worker-processes';
import { QUEUE, SLOW_MS, whoStarts } from './06-rq-job-queue.worker.ts';

// `start_workers.py N`, and how often the client polls a job.
const WORKERS = 2;
const POLL_MS = 50;
const WORKER = new URL('./06-rq-job-queue.worker.ts', import.meta.url);
// The book's 0.5 s between SIGTERM and SIGKILL cuts off a stuck job; a
// job that should finish gets longer (a busy machine is slow to close).
const GRACE_MS = 500;
const LONG_GRACE_MS = 10_000;

// ── The launcher's stop: SIGTERM, then SIGKILL after the grace ──────
// How a child ended: an exit code after a clean close, or a signal.
export type Stopped = Awaited<ReturnType<typeof exited>>;

// SIGTERM asks the worker to finish its job and exit; if it is still
// there when the grace runs out, SIGKILL ends it without asking.
export async function stopTwoStep(child: ChildProcess, graceMs: number) {
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const how = await gone;
  clearTimeout(timer);
  return how;
}

// ── Client side (`main.py`) ────────────────────────────────────────
// What the test checks: every rate, and how each stopped worker ended.
export interface Result {
  rates: Record<string, number>;
  polls: number;
  slow: Stopped & { jobState: string };
  stuck: Stopped & { jobState: string };
}

// The book's main.py (enqueue, poll), then its launcher's two stops.
export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  // The rate stub stands in for the web API; Redis is the only broker.
  const stub = await startRateStub({ delayMs: 100 });
  return useRedis(options.redis, async (redis) => {
    // The client's queue handle, and the launcher's N worker processes.
    const queue = new Queue(QUEUE, { connection: redis.connection });
    const workers = await startWorkers(WORKER, WORKERS, [redis.url]);
    try {
      // Enqueue one job per pair, then poll each job's result by id.
      const jobs = await queue.addBulk(BOOK_PAIRS.map((pair) => ({
        name: 'get_rate', data: { url: stub.url, pair } })));
      const rates: Record<string, number> = {};
      let polls = 0;
      for (const [i, pair] of BOOK_PAIRS.entries()) {
        // Like the book's `while job.result is None`, we re-read the job
        // from Redis until a worker has stored its return value.
        const id = jobs[i]?.id ?? '';
        let job = await Job.fromId(queue, id);
        for (; job?.returnvalue == null; polls++) {
          await sleep(POLL_MS);
          job = await Job.fromId(queue, id);
        }
        rates[pair] = job.returnvalue as number;
        console.log(`${pair} ${rates[pair]}`);
      }

      // Enqueue a slow or stuck job and stop, in two steps, the worker
      // that picks it up; then ask Redis what became of the job.
      const stopMidJob = async (name: string, graceMs: number) => {
        const starter = whoStarts(workers.children, name);
        const job = await queue.add(name, { url: '', pair: '' });
        const how = await stopTwoStep(await starter, graceMs);
        return { ...how, jobState: await job.getState() };
      };
      // A short job finishes inside the grace: a clean exit...
      const slow = await stopMidJob('slow', LONG_GRACE_MS);
      console.log(`SIGTERM during a ${SLOW_MS} ms job: job ` +
        `${slow.jobState}, worker exit code ${slow.code}`);
      // ...a job that will not end keeps the worker past it: SIGKILL.
      const stuck = await stopMidJob('stuck', GRACE_MS);
      console.log(`SIGTERM during a stuck job: job ${stuck.jobState}, ` +
        `SIGKILL after ${GRACE_MS} ms -> ${stuck.signal}`);
      return { rates, polls, slow, stuck };
    } finally {
      // Whatever happened, close the queue, workers and stub.
      await queue.close();
      await workers.stop(GRACE_MS);
      await stub.close();
    }
  });
}

if (isEntry(import.meta.url)) await main();

// Output:
// EURUSD 1.1042
// GBPUSD 1.5309
// CHFEUR 0.9176
// SIGTERM during a 200 ms job: job completed, worker exit code 0
// SIGTERM during a stuck job: job active, SIGKILL after 500 ms -> SIGKILL
