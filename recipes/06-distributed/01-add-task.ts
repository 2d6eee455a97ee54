/**
 * How to create a task with a task queue: add(5, 5)
 *
 * @book    2e ch. 6 "Distributed Python" › Distributed task management
 *          with Celery
 * @book    1e ch. 5 "Distributed Python" › How to create a task with
 *          Celery
 * @python  Chapter06/Celery/addTask.py, Chapter06/Celery/addTask_main.py
 * @covers  D1
 * @run     npm run recipe -- distributed/add-task
 * @needs   redis
 * @timeout 120000
 *
 * The book defines a Celery task `add(x, y)`, starts a worker with
 * `celery -A addTask worker`, and calls `add.delay(5, 5)`; with no
 * result backend the 10 shows up only in the worker's log. Here BullMQ
 * is the queue and Redis the broker (started for us on a free loopback
 * port). The worker is a separate process running this same file; the
 * client adds a job and, unlike the book, reads the result back:
 * BullMQ keeps every job's return value in Redis.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import { connectionOf, useRedis, type RedisServer }
  from '@cookbook/shared/services/redis';
import { isWorkerProcess, serveUntilStopped, startWorkers, workerArgs }
  from '@cookbook/shared/services/worker-processes';

// The queue's name plays the part of Celery's app name `addTask`.
const QUEUE = 'addTask';

// The task itself: plain code, nothing queue-specific.
export function add(x: number, y: number): number {
  return x + y;
}

// Worker side (`celery -A addTask worker`).
// A BullMQ Worker pulls jobs from Redis and runs the processor; what
// the processor returns is stored as the job's result. Like Celery's
// worker log, we print what it received and returned.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ x: number; y: number }, number>(QUEUE,
    async (job) => {
      const result = add(job.data.x, job.data.y);
      console.log(`worker: task ${job.name}[${job.id}] ` +
        `succeeded: ${result}`);
      return result;
    }, { connection: connectionOf(url) });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// Client side (`addTask_main.py`). What main returns: the task's
// result, the job's id, and the pid of the worker process that ran it.
export interface Result { result: number; jobId: string; workerPid: number }

// A test hands in its Redis; alone, the recipe starts its own (or uses
// REDIS_URL's) and stops it after.
export interface Options { redis?: RedisServer }

export async function main(options: Options = {}): Promise<Result> {
  return useRedis(options.redis, async (redis) => {
    // One worker process, as in the book's single `celery worker`.
    const workers = await startWorkers(new URL(import.meta.url), 1,
      [redis.url]);
    const queue = new Queue(QUEUE, { connection: redis.connection });
    // QueueEvents streams 'completed'/'failed' from Redis, so the
    // client can wait for one job's result without polling.
    const events = new QueueEvents(QUEUE, { connection: redis.connection });
    try {
      await events.waitUntilReady();
      // A fresh queue (job ids from 1) even on a REDIS_URL server that
      // has run this recipe before.
      await queue.obliterate({ force: true });
      // `queue.add` is `add.delay(5, 5)`: it only enqueues. We print
      // first: the worker may finish before `add` returns to us.
      console.log('client: add.delay(5, 5)');
      const job = await queue.add('add', { x: 5, y: 5 });
      const result = await job.waitUntilFinished(events, 30_000) as number;
      console.log(`client: job ${job.id} result = ${result}`);
      return { result, jobId: job.id ?? '',
        workerPid: workers.pids[0] ?? 0 };
    } finally {
      // Close our connections, then stop the worker process.
      await Promise.all([events.close(), queue.close()]);
      await workers.stop();
    }
  });
}

// A forked worker serves the queue; as the entry, run the client.
if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// client: add.delay(5, 5)
// worker: task add[1] succeeded: 10
// client: job 1 result = 10
