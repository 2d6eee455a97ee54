/**
 * Distributed mergesort: sort chunks as child jobs, merge in the parent
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › More
 *          complex Celery applications
 * @python  celery/mergesort.py, celery/main.py
 * @covers  D4
 * @run     npm run recipe -- distributed/mergesort-flow
 * @needs   redis
 * @timeout 180000
 *
 * The book shuffles a million numbers, sorts 4 chunks on Celery workers
 * with `group(sort.s(chunk))().get()`, merges them locally, and times
 * that against a local mergesort: 10.84 s distributed vs 26.18 s local
 * on its 4 hosts. BullMQ's `FlowProducer` makes the group *and* the
 * merge jobs: 4 `sort` children under one `merge` parent, which runs
 * once every child is done. (Node's mergesort is far faster than
 * Python's, so shipping 7 MB of JSON through Redis costs more than it
 * saves here: the local sort usually wins.)
 */
import { FlowProducer, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import {
  connectionOf, useRedis, type RedisServer,
} from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, serveUntilStopped, startWorkers, workerArgs,
} from '@cookbook/shared/services/worker-processes';
import { merge, mergeSort, shuffled } from './04-mergesort-flow.sort.ts';

// The book's sizes, on two worker processes. Its mergesort.py (merge,
// sort by halves) is 04-mergesort-flow.sort.ts.
const QUEUE = 'mergesort';
const SIZE = 1_000_000; // the book's list(range(1000000))
const CHUNKS = 4; // the book's n = 4
const WORKERS = 2;

// ── Worker side: one processor, two kinds of job ───────────────────
// A `sort` child sorts its chunk; the `merge` parent runs only when all
// its children are done, and merges their results one by one.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ chunk?: number[] }, number[]>(QUEUE,
    async (job) => {
      if (job.name === 'sort') return mergeSort(job.data.chunk ?? []);
      // The parent: its children's results, keyed by child job.
      const sorted = Object.values(
        await job.getChildrenValues<number[]>());
      return sorted.reduce((acc, chunk) => merge(acc, chunk), []);
    }, { connection: connectionOf(url) });
  // Tell the parent we are ready once connected; close on SIGTERM.
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// ── Client side ────────────────────────────────────────────────────
// Both answers checked against the built-in sort, and both times.
export interface Result {
  size: number;
  distributedOk: boolean;
  localOk: boolean;
  distributedS: number;
  localS: number;
}

// Sort the same shuffled list on the queue and here, and time both.
export async function main(
  options: { redis?: RedisServer; size?: number } = {},
): Promise<Result> {
  const size = options.size ?? SIZE;
  const xs = shuffled(size);
  // The built-in sort is the oracle for both answers.
  const reference = [...xs].sort((a, b) => a - b).join();
  return useRedis(options.redis, async ({ connection, url }) => {
    // The worker processes, the client's flow producer and its events.
    const workers = await startWorkers(new URL(import.meta.url),
      WORKERS, [url]);
    const flows = new FlowProducer({ connection });
    const events = new QueueEvents(QUEUE, { connection });
    try {
      // Events sent before we listen are lost, so we listen first.
      await events.waitUntilReady();
      // The group: one `sort` child per chunk, under a `merge` parent.
      let t = performance.now();
      const step = Math.ceil(size / CHUNKS);
      const { job } = await flows.add({
        name: 'merge', queueName: QUEUE,
        children: Array.from({ length: CHUNKS }, (_, i) => ({
          name: 'sort', queueName: QUEUE,
          data: { chunk: xs.slice(i * step, (i + 1) * step) },
        })),
      });
      // The parent's return value is the whole sorted list.
      const merged = await job.waitUntilFinished(events, 60_000);
      const distributedS = (performance.now() - t) / 1000;
      const distributedOk = (merged as number[]).join() === reference;

      // The same sort in this process, for comparison.
      t = performance.now();
      const localOk = mergeSort(xs).join() === reference;
      const localS = (performance.now() - t) / 1000;
      // Our times beside the book's (its 4 hosts, Python's sort).
      console.log(`${size} numbers, ${CHUNKS} chunks, ` +
        `${WORKERS} worker processes`);
      console.log(`Distributed mergesort took ${distributedS.toFixed(2)}s ` +
        '(book: 10.84s)');
      console.log(`Local mergesort took ${localS.toFixed(2)}s ` +
        '(book: 26.18s)');
      console.log(`both equal sorted(): ${distributedOk && localOk}`);
      return { size, distributedOk, localOk, distributedS, localS };
    } finally {
      // Close the client's connections, then stop the workers.
      await Promise.all([events.close(), flows.close()]);
      await workers.stop();
    }
  });
}

if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// 1000000 numbers, 4 chunks, 2 worker processes
// Distributed mergesort took {*}s (book: 10.84s)
// Local mergesort took {*}s (book: 26.18s)
// both equal sorted(): true
