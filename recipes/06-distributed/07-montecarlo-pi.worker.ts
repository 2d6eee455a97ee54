/**
 * The SCOOP worker of distributed/montecarlo-pi: a process that serves
 * the `pi` queue, CONCURRENCY jobs at a time, each job one task of the
 * map. Forked by the recipe and by its benchmark.
 */
import { Worker } from 'bullmq';
import { connectionOf } from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, serveUntilStopped, workerArgs,
} from '@cookbook/shared/services/worker-processes';
import {
  CONCURRENCY, pointsInCircle, QUEUE, type Task,
} from './07-montecarlo-pi.ts';

// A job's return value is its count of darts inside the quarter disc.
async function serve(url: string): Promise<void> {
  const worker = new Worker<Task, number>(QUEUE,
    async (job) => pointsInCircle(job.data.attempts, job.data.seed),
    { connection: connectionOf(url), concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
