/**
 * Currency rates over a task queue: fan-out, timeout, purge, errors
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › A tour of
 *          Celery (currency.py)
 * @python  celery/currency.py
 * @covers  D3
 * @run     npm run recipe -- distributed/currency-fanout
 * @needs   redis
 * @timeout 120000
 * @see     threads/io-fanout — the same rates fetched by threads
 *
 * The book makes `get_rate(pair)` a Celery task, calls `delay` once per
 * pair and `get()`s each result. It also shows what goes wrong: with no
 * worker the client waits for ever (so `get(timeout=1)` raises),
 * `celery purge` throws waiting messages away, and a task that raises
 * `Exception('Booo!')` re-raises in the client. A stub rate server on
 * 127.0.0.1 stands in for Yahoo's dead API. In BullMQ,
 * `waitUntilFinished(events, ttl)` is `get(timeout)`, `queue.drain()` is
 * the purge, and a failed job's error is stored in Redis for the client.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import { connectionOf, useRedis, type RedisServer }
  from '@cookbook/shared/services/redis';
import { BOOK_PAIRS, fetchRate, startRateStub }
  from '@cookbook/shared/services/rate-stub';
import { isWorkerProcess, serveUntilStopped, startWorkers, workerArgs }
  from '@cookbook/shared/services/worker-processes';

// The queue and its two worker processes.
const QUEUE = 'currency';
const WORKERS = 2;
// Each worker runs several I/O tasks at once (Celery's `-P threads`).
const CONCURRENCY = 4;
// `result.get(timeout=1)`: how long the client waits with no worker.
const TIMEOUT_MS = 1_000;

// A `get_rate` job: which pair, and where the rate server listens.
type RateJob = { url: string; pair: string };

// Worker side: the tasks.
// `get_rate` fetches one quote; `booo` always raises, as in the book.
async function serve(redisUrl: string): Promise<void> {
  const worker = new Worker<RateJob, number>(QUEUE, async (job) => {
    if (job.name === 'booo') throw new Error('Booo!');
    return fetchRate(job.data.url, job.data.pair);
  }, { connection: connectionOf(redisUrl), concurrency: CONCURRENCY });
  // Tell the parent we are ready once connected; close on SIGTERM.
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// Client side. What each of the four steps showed.
export type Result = { timedOut: boolean; purged: number;
  rates: Record<string, number>; error: string };

// The book's four steps in order, on one queue and its event stream.
export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  // The stub answers each quote after 100 ms, like a slow web API.
  const stub = await startRateStub({ delayMs: 100 });
  // One `get_rate.delay(pair)`, as a job to add.
  const ask = (pair: string) => ({ name: 'get_rate',
    data: { url: stub.url, pair } });
  return useRedis(options.redis, async ({ connection, url }) => {
    // The client's queue, and the event stream its `get()`s listen on.
    const queue = new Queue<RateJob>(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    // Nothing to stop until step 3 starts the workers.
    let stop = async () => {};
    try {
      await events.waitUntilReady();
      // 1. No worker yet: waiting with a timeout is the only way out.
      const [first] = await queue.addBulk(BOOK_PAIRS.map(ask));
      const timedOut = await first!.waitUntilFinished(events, TIMEOUT_MS)
        .then(() => false, () => true);
      console.log(`no workers: get(timeout=${TIMEOUT_MS / 1000}) ` +
        `timed out: ${timedOut}`);

      // 2. The purge: the waiting jobs are deleted, never run.
      const purged = await queue.getWaitingCount();
      await queue.drain();
      console.log(`purge: purged ${purged} messages, ` +
        `${await queue.getWaitingCount()} left`);

      // 3. With workers, one job per pair; results come back in order.
      const workers = await startWorkers(new URL(import.meta.url),
        WORKERS, [url]);
      stop = () => workers.stop();
      const jobs = await queue.addBulk(BOOK_PAIRS.map(ask));
      const values = await Promise.all(jobs.map((job) =>
        job.waitUntilFinished(events, 30_000) as Promise<number>));
      const rates = Object.fromEntries(BOOK_PAIRS.map((pair, i) =>
        [pair, values[i] ?? NaN]));
      for (const pair of BOOK_PAIRS) console.log(`${pair} ${rates[pair]}`);

      // 4. The task's exception travels back through Redis.
      const booo = await queue.add('booo', { url: stub.url, pair: '' });
      const error = await booo.waitUntilFinished(events, 30_000)
        .then(() => '', (e: Error) => e.message);
      console.log(`booo() raised in a worker; the client got: ${error}`);
      return { timedOut, purged, rates, error };
    } finally {
      // Close the client's side, then the workers and the stub.
      await Promise.all([events.close(), queue.close()]);
      await stop();
      await stub.close();
    }
  });
}

// A forked worker serves the queue; as the entry, run the client.
if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// no workers: get(timeout=1) timed out: true
// purge: purged 3 messages, 0 left
// EURUSD 1.1042
// GBPUSD 1.5309
// CHFEUR 0.9176
// booo() raised in a worker; the client got: Booo!
