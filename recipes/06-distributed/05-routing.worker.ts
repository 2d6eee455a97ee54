/**
 * The `celery worker -Q <queue> -c <n>` of distributed/routing: a worker
 * process that serves one queue with that queue's pool size. Forked by
 * the recipe, once per queue; each job reports which process ran it and
 * how many jobs that process had running.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { connectionOf } from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, serveUntilStopped, workerArgs,
} from '@cookbook/shared/services/worker-processes';
import { CONCURRENCY, FETCH_MS, type Ran } from './05-routing.ts';

// `running` counts this process's jobs in progress (a gauge); the
// fire-and-forget `log` task only bumps a counter in Redis.
async function serve(url: string, queue: 'cpu' | 'io'): Promise<void> {
  let running = 0;
  // The worker's second connection, for the counter the logs bump.
  const counter = new Redis(url);
  const worker = new Worker<{ x: number }, Ran | undefined>(queue,
    // The gauge goes up for the job's whole run, sleep included: a
    // second job that starts meanwhile sees it, which is how the recipe
    // shows a queue's concurrency.
    async (job) => {
      running++;
      const ran = { pid: process.pid, running };
      if (job.name === 'fetch') await sleep(FETCH_MS);
      if (job.name === 'log') await counter.incr('logged');
      running--;
      return job.name === 'log' ? undefined : ran;
    }, { connection: connectionOf(url), concurrency: CONCURRENCY[queue] });
  await worker.waitUntilReady();
  // On SIGTERM: close the worker (its jobs in hand finish) and the
  // counter's connection.
  serveUntilStopped(worker, { close: () => counter.quit() });
}

// Forked with the Redis URL and the queue it serves; an unknown queue
// name falls back to `cpu`.
if (isWorkerProcess()) {
  const [url = '', queue = 'cpu'] = workerArgs();
  await serve(url, queue === 'io' ? 'io' : 'cpu');
}

