/**
 * The `rqworker` of distributed/rq-job-queue: one worker process that
 * the recipe's launcher forks. Besides the book's `get_rate` it serves
 * a slow and a stuck job, so the launcher can stop a worker mid-job.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { connectionOf } from '@cookbook/shared/services/redis';
import { fetchRate } from '@cookbook/shared/services/rate-stub';
import {
  isWorkerProcess, serveUntilStopped, workerArgs,
} from '@cookbook/shared/services/worker-processes';

export const QUEUE = 'default'; // RQ's default queue
export const SLOW_MS = 200; // a job that fits in the grace period...
export const STUCK_MS = 60_000; // ...and one that does not

// Each slow or stuck job tells the launcher when it starts, so the
// launcher signals a worker that really is in the middle of a job.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ url: string; pair: string }>(QUEUE,
    async (job) => {
      // The book's job: a rate from the (stub) rate service.
      if (job.name === 'get_rate') {
        return fetchRate(job.data.url, job.data.pair);
      }
      // The others only take time, after saying they have started.
      process.send?.({ started: job.name });
      await sleep(job.name === 'slow' ? SLOW_MS : STUCK_MS);
      return 'finished';
    }, { connection: connectionOf(url) });
  await worker.waitUntilReady();
  // On SIGTERM this calls `worker.close()`, which waits for the job in
  // hand: RQ's warm shutdown.
  serveUntilStopped(worker);
}

// ── Launcher side ──────────────────────────────────────────────────
// The forked worker that says it started a job of this name.
export function whoStarts(children: ChildProcess[], name: string) {
  return new Promise<ChildProcess>((resolve) => {
    for (const child of children) {
      child.on('message', (m: { started?: string }) => {
        if (m.started === name) resolve(child);
      });
    }
  });
}

// Forked with the Redis URL as its one argument; imported, it does nothing.
if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
