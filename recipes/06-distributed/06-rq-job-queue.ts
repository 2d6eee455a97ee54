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
 * Python-RQ needs only Redis. The book enqueues a plain `get_rate(pair)`
 * per pair, then busy-polls `job.result` until it is not None; its
 * `start_workers.py N` launches N `rqworker` processes and, on Ctrl-C,
 * sends each SIGTERM (RQ's warm shutdown: finish the current job), then
 * SIGKILL after half a second. We do the same with BullMQ: `Job.fromId`
 * reads a job back by id for the poll, and our launcher forks N worker
 * processes and stops them in two steps. A worker closes gracefully on
 * SIGTERM (`worker.close()` waits for the job in hand), so a short job
 * still finishes; a stuck one is cut off by the SIGKILL.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue, Worker } from 'bullmq';
import { exited, isEntry } from '@cookbook/shared';
import {
  connectionOf,
  useRedis,
  type RedisServer,
} from '@cookbook/shared/services/redis';
import {
  BOOK_PAIRS,
  fetchRate,
  startRateStub,
} from '@cookbook/shared/services/rate-stub';
import {
  isWorkerProcess,
  serveUntilStopped,
  startWorkers,
  workerArgs,
} from '@cookbook/shared/services/worker-processes';

const QUEUE = 'default'; // RQ's default queue
const WORKERS = 2; // start_workers.py N
// The book waits 0.5 s between SIGTERM and SIGKILL. That is enough to
// cut off a stuck job; a job that should finish gets a longer grace
// here, since a busy machine can take seconds to close a worker.
const GRACE_MS = 500;
const LONG_GRACE_MS = 10_000;
const POLL_MS = 50;
const SLOW_MS = 200; // a job that fits in the grace period...
const STUCK_MS = 60_000; // ...and one that does not

// ── Worker side (`rqworker`) ───────────────────────────────────────
// Besides `get_rate`, a slow and a stuck job; each tells the launcher
// when it starts, so the launcher signals a worker that is mid-job.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ url: string; pair: string }>(QUEUE,
    async (job) => {
      if (job.name === 'get_rate') {
        return fetchRate(job.data.url, job.data.pair);
      }
      process.send?.({ started: job.name });
      await sleep(job.name === 'slow' ? SLOW_MS : STUCK_MS);
      return 'finished';
    }, { connection: connectionOf(url) });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// ── The launcher's stop: SIGTERM, then SIGKILL after the grace ──────
export interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export async function stopTwoStep(
  child: ChildProcess,
  graceMs = GRACE_MS,
): Promise<Stopped> {
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const how = await gone;
  clearTimeout(timer);
  return how;
}

// The worker that says it started a job of this name.
function whoStarts(children: ChildProcess[], name: string) {
  return new Promise<ChildProcess>((resolve) => {
    for (const child of children) {
      child.on('message', (m: { started?: string }) => {
        if (m.started === name) resolve(child);
      });
    }
  });
}

// ── Client side (`main.py`) ────────────────────────────────────────
export interface Result {
  rates: Record<string, number>;
  polls: number;
  slow: Stopped & { jobState: string };
  stuck: Stopped & { jobState: string };
}

export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  const stub = await startRateStub({ delayMs: 100 });
  return useRedis(options.redis, async (redis) => {
    const queue = new Queue(QUEUE, { connection: redis.connection });
    const workers = await startWorkers(new URL(import.meta.url), WORKERS,
      [redis.url]);
    try {
      // Enqueue one job per pair, then poll each job's result by id.
      const jobs = await queue.addBulk(BOOK_PAIRS.map((pair) => ({
        name: 'get_rate', data: { url: stub.url, pair } })));
      const rates: Record<string, number> = {};
      let polls = 0;
      for (const [i, pair] of BOOK_PAIRS.entries()) {
        let job = await Job.fromId(queue, jobs[i]?.id ?? '');
        while (job?.returnvalue == null) {
          polls++;
          await sleep(POLL_MS);
          job = await Job.fromId(queue, jobs[i]?.id ?? '');
        }
        rates[pair] = job.returnvalue as number;
        console.log(`${pair} ${rates[pair]}`);
      }

      // Two-step stop of a worker in the middle of a short job...
      type Kind = 'slow' | 'stuck';
      const stopMidJob = async (name: Kind, graceMs: number) => {
        const starter = whoStarts(workers.children, name);
        const job = await queue.add(name, { url: '', pair: '' });
        const how = await stopTwoStep(await starter, graceMs);
        return { ...how, jobState: await job.getState() };
      };
      const slow = await stopMidJob('slow', LONG_GRACE_MS);
      console.log(`SIGTERM during a ${SLOW_MS} ms job: job ` +
        `${slow.jobState}, worker exit code ${slow.code}`);
      // ...and of the other worker, in a job that will not end.
      const stuck = await stopMidJob('stuck', GRACE_MS);
      console.log(`SIGTERM during a stuck job: job ${stuck.jobState}, ` +
        `SIGKILL after ${GRACE_MS} ms -> ${stuck.signal}`);
      return { rates, polls, slow, stuck };
    } finally {
      await queue.close();
      await workers.stop(GRACE_MS);
      await stub.close();
    }
  });
}

if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// EURUSD 1.1042
// GBPUSD 1.5309
// CHFEUR 0.9176
// SIGTERM during a 200 ms job: job completed, worker exit code 0
// SIGTERM during a stuck job: job active, SIGKILL after 500 ms -> SIGKILL
