/**
 * Retries and the failed set: a flaky task and a broken one
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › A tour of
 *          Celery (`retry`; beyond the book: where failures end up)
 * @covers  none
 * @run     npm run recipe -- distributed/retries
 * @needs   redis
 * @timeout 120000
 * @see     distributed/currency-fanout — an error reaching the client
 *
 * The book mentions that a Celery task can `retry` itself. BullMQ
 * retries any job that throws, up to `attempts` times, with a `backoff`
 * between tries. A flaky task that fails twice and then works
 * succeeds on its third attempt; a broken one that always throws ends
 * in the queue's *failed set* after its last attempt, with its error
 * message and the number of attempts kept in Redis for anyone to read.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import {
  connectionOf,
  useRedis,
  type RedisServer,
} from '@cookbook/shared/services/redis';
import {
  isWorkerProcess,
  serveUntilStopped,
  startWorkers,
  workerArgs,
} from '@cookbook/shared/services/worker-processes';

const QUEUE = 'retries';
const ATTEMPTS = 3;
const RETRY = { attempts: ATTEMPTS,
  backoff: { type: 'fixed', delay: 100 } } as const;

// ── Worker side ────────────────────────────────────────────────────
// `attemptsMade` counts the tries before this one, so the flaky task
// fails on tries 1 and 2 and works on try 3.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ x: number }, number>(QUEUE, async (job) => {
    if (job.name === 'broken') throw new Error(`bad input ${job.data.x}`);
    if (job.attemptsMade < 2) {
      throw new Error(`flaky: try ${job.attemptsMade + 1} failed`);
    }
    return job.data.x * 2;
  }, { connection: connectionOf(url) });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// ── Client side ────────────────────────────────────────────────────
export interface Result {
  flakyValue: number;
  flakyAttempts: number;
  brokenState: string;
  brokenReason: string;
  brokenAttempts: number;
  failedCount: number;
}

export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async (redis) => {
    const workers = await startWorkers(new URL(import.meta.url), 1,
      [redis.url]);
    const queue = new Queue(QUEUE, { connection: redis.connection });
    const events = new QueueEvents(QUEUE, { connection: redis.connection });
    try {
      await events.waitUntilReady();
      const flaky = await queue.add('flaky', { x: 21 }, RETRY);
      const broken = await queue.add('broken', { x: 42 }, RETRY);
      const flakyValue = await flaky.waitUntilFinished(events, 30_000);
      await broken.waitUntilFinished(events, 30_000).catch(() => {});

      // Read both back from Redis, as any other client could.
      const f = await queue.getJob(flaky.id ?? '');
      const [b] = await queue.getFailed();
      const result: Result = {
        flakyValue, flakyAttempts: f?.attemptsMade ?? 0,
        brokenState: (await b?.getState()) ?? 'missing',
        brokenReason: b?.failedReason ?? '',
        brokenAttempts: b?.attemptsMade ?? 0,
        failedCount: await queue.getFailedCount(),
      };
      console.log(`flaky: ${result.flakyValue} after ` +
        `${result.flakyAttempts} attempts`);
      console.log(`broken: ${result.brokenState} after ` +
        `${result.brokenAttempts} attempts: ${result.brokenReason}`);
      console.log(`failed set: ${result.failedCount} job`);
      return result;
    } finally {
      await Promise.all([events.close(), queue.close()]);
      await workers.stop();
    }
  });
}

if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// flaky: 42 after 3 attempts
// broken: failed after 3 attempts: bad input 42
// failed set: 1 job
