/**
 * Handling map functions: mapReduce vs a serial map and sum
 *
 * @book    1e ch. 5 "Distributed Python" › Handling map functions with
 *          SCOOP
 * @python  map_reduce.py
 * @covers  D16
 * @run     npm run recipe -- distributed/map-reduce
 * @needs   redis
 * @timeout 180000
 *
 * The book compares SCOOP's `futures.mapReduce(simulateWorkload,
 * operator.add, data)` with the builtin `sum(map(simulateWorkload,
 * data))`, where `data` is `[[a] * a for a in range(1000)]` and each
 * call sleeps (a stand-in for real work) before summing its list. Both
 * give 332833500; SCOOP took 8.459 s and the serial loop 10.034 s. Our
 * mapReduce is a BullMQ flow: 1000 `map` children spread over worker
 * processes (each running many jobs at once, since the workload waits)
 * and an `add` parent that reduces their results. The book's calls
 * sleep 10 ms; we sleep 2 ms so the serial run takes 2 s, not 10.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FlowProducer, QueueEvents, Worker } from 'bullmq';
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

const QUEUE = 'mapreduce';
const ITEMS = 1000; // range(1000)
const SLEEP_MS = 2; // the book: 10 ms per call
const WORKERS = 2;
const CONCURRENCY = 32; // the workload waits, so many jobs fit at once

// The book's input: item a is a list of a copies of a.
export function makeData(items = ITEMS): number[][] {
  return Array.from({ length: items }, (_, a) => Array<number>(a).fill(a));
}

// `simulateWorkload`: wait, then sum the list.
export async function simulateWorkload(
  xs: number[],
  sleepMs = SLEEP_MS,
): Promise<number> {
  await sleep(sleepMs);
  return xs.reduce((acc, x) => acc + x, 0);
}

// ── Worker side: `map` runs the workload, `add` reduces ─────────────
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ xs?: number[]; sleepMs?: number }, number>(
    QUEUE, async (job) => {
      if (job.name === 'map') {
        return simulateWorkload(job.data.xs ?? [], job.data.sleepMs);
      }
      const values = await job.getChildrenValues<number>();
      return Object.values(values).reduce((acc, v) => acc + v, 0);
    }, { connection: connectionOf(url), concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// ── Client side ────────────────────────────────────────────────────
export interface Result {
  distributed: number;
  serial: number;
  distributedS: number;
  serialS: number;
}

export async function main(options: {
  redis?: RedisServer;
  items?: number;
  sleepMs?: number;
} = {}): Promise<Result> {
  const data = makeData(options.items);
  const sleepMs = options.sleepMs ?? SLEEP_MS;
  return useRedis(options.redis, async (redis) => {
    const connection = redis.connection;
    const workers = await startWorkers(new URL(import.meta.url),
      WORKERS, [redis.url]);
    const flows = new FlowProducer({ connection });
    const events = new QueueEvents(QUEUE, { connection });
    try {
      await events.waitUntilReady();
      // futures.mapReduce: one child per item, one reducing parent.
      let t = performance.now();
      const { job } = await flows.add({
        name: 'add', queueName: QUEUE,
        children: data.map((xs) => ({ name: 'map', queueName: QUEUE,
          data: { xs, sleepMs } })),
      });
      const distributed = await job.waitUntilFinished(events, 60_000);
      const distributedS = (performance.now() - t) / 1000;

      // sum(map(simulateWorkload, data)): one call after another.
      t = performance.now();
      let serial = 0;
      for (const xs of data) serial += await simulateWorkload(xs, sleepMs);
      const serialS = (performance.now() - t) / 1000;

      console.log(`mapReduce on ${WORKERS} worker processes: ` +
        `${distributed} in ${distributedS.toFixed(2)} s (book: 8.459 s)`);
      console.log(`serial map + sum: ${serial} in ` +
        `${serialS.toFixed(2)} s (book: 10.034 s)`);
      return { distributed, serial, distributedS, serialS };
    } finally {
      await Promise.all([events.close(), flows.close()]);
      await workers.stop();
    }
  });
}

if (isWorkerProcess()) await serve(workerArgs()[0] ?? '');
else if (isEntry(import.meta.url)) await main();

// Output:
// mapReduce on 2 worker processes: 332833500 in {*} s (book: 8.459 s)
// serial map + sum: 332833500 in {*} s (book: 10.034 s)
