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
// The seed travels with the task, so the count is the same whichever
// worker draws it: the map's total equals the serial one.
async function serve(url: string): Promise<void> {
  const worker = new Worker<Task, number>(QUEUE,
    async (job) => pointsInCircle(job.data.attempts, job.data.seed),
    { connection: connectionOf(url), concurrency: CONCURRENCY });
  // Connected and listening first; serveUntilStopped then tells the
  // parent we are ready, and on SIGTERM closes the worker, which lets
  // its jobs in hand finish.
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// Forked with the Redis URL as its one argument; imported, it does nothing.
if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
