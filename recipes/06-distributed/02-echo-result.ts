/**
 * Testing the installation: an echo task with a result backend
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › Testing
 *          the installation
 * @python  celery/test.py
 * @covers  D2
 * @run     npm run recipe -- distributed/echo-result
 * @needs   redis
 * @timeout 120000
 *
 * The book's smoke test defines `echo(message)`, calls it directly, then
 * through Celery: `echo.delay(...)` returns an `AsyncResult`, and once
 * `ready()` is true its `result` is 'Python rocks!'. A Redis result
 * backend makes that possible. BullMQ stores the return value with the
 * job, so the job *is* the AsyncResult: its state says whether it is
 * ready, and `Job.fromId` reads it back from any process. We enqueue
 * before any worker runs, so "not ready yet" is certain, not a race.
 */
import { availableParallelism } from 'node:os';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import { connectionOf, useRedis, type RedisServer }
  from '@cookbook/shared/services/redis';
import { isWorkerProcess, serveUntilStopped, startWorkers, workerArgs }
  from '@cookbook/shared/services/worker-processes';

// The book's Celery app is called `test`; so is our queue.
const QUEUE = 'test';
const MESSAGE = 'Python rocks!';
// Celery's default pool: one worker process per CPU.
const WORKERS = Math.min(availableParallelism(), 4);

// The task itself: a plain function, callable here or on a worker.
export function echo(message: string): string {
  return message;
}

// Worker side: a BullMQ Worker runs `echo` for each job and logs
// "received task" and "succeeded in", the two lines Celery's worker
// prints; the return value is what Redis keeps as the job's result.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ message: string }, string>(QUEUE,
    async (job) => {
      console.log(`worker: received task ${QUEUE}.${job.name}[${job.id}]`);
      const started = performance.now();
      const result = echo(job.data.message);
      const s = ((performance.now() - started) / 1000).toFixed(4);
      console.log(`worker: task ${QUEUE}.${job.name}[${job.id}] ` +
        `succeeded in ${s}s: '${result}'`);
      return result;
    }, { connection: connectionOf(url) });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// Client side, the book's REPL session. What main returns: the plain
// call's answer, the job's state before and after the workers start,
// the result read back by id, and how many workers ran.
export interface Result {
  direct: string; readyBefore: boolean; stateBefore: string;
  readyAfter: boolean; result: string; workers: number;
}

// One Redis for the session: ours on a free port, or REDIS_URL's.
export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async (redis) => {
    const connection = redis.connection;
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    // Nothing to stop until the workers are up.
    let stop = async () => {};
    try {
      await events.waitUntilReady();
      // A fresh queue (job ids from 1) even on a REDIS_URL server that
      // has run this recipe before.
      await queue.obliterate({ force: true });
      // A plain call runs here and now, like `echo('Python rocks!')`.
      const direct = echo(MESSAGE);
      console.log(`echo('${MESSAGE}') -> '${direct}'`);

      // `delay` gives an AsyncResult; `add` gives a Job with an id.
      const job = await queue.add('echo', { message: MESSAGE });
      console.log(`delay -> ${job.constructor.name} ${job.id}`);

      // No worker is running yet, so the job cannot be ready.
      const stateBefore = await job.getState();
      const readyBefore = await job.isCompleted();
      console.log(`ready() -> ${readyBefore} (state: ${stateBefore})`);

      // Now the workers start; one of them takes the job.
      const workers = await startWorkers(new URL(import.meta.url),
        WORKERS, [redis.url]);
      stop = () => workers.stop();
      await job.waitUntilFinished(events, 30_000);

      // Read it back by id, as another client would: the result backend.
      const stored = await Job.fromId<unknown, string>(queue, job.id ?? '');
      const readyAfter = (await stored?.isCompleted()) ?? false;
      const result = stored?.returnvalue ?? '';
      console.log(`ready() -> ${readyAfter}`);
      console.log(`result -> '${result}'`);
      return { direct, readyBefore, stateBefore, readyAfter, result,
        workers: WORKERS };
    } finally {
      // Close our connections, then stop the worker processes.
      await Promise.all([events.close(), queue.close()]);
      await stop();
    }
  });
}

// A forked worker serves the queue; as the entry, run the session.
if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// echo('Python rocks!') -> 'Python rocks!'
// delay -> Job 1
// ready() -> false (state: waiting)
// worker: received task test.echo[1]
// worker: task test.echo[1] succeeded in {*}s: 'Python rocks!'
// ready() -> true
// result -> 'Python rocks!'
