/**
 * Map-reduce word count across worker processes
 *
 * @book    1e ch. 5 "Distributed Python" › Using MapReduce with Disco
 * @python  (Disco's word-count example; the book's listing was not seen)
 * @covers  D15
 * @run     npm run recipe -- distributed/word-count
 * @needs   redis
 * @timeout 120000
 *
 * Disco's `map` yields `(word, 1)` per word; its `reduce` sums them by
 * word. Disco is long dead; in a BullMQ flow, `map` children count
 * chunks of lines on worker processes and the `reduce` parent adds their
 * counts. The text comes from a seed (15-word-count.text.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { FlowProducer, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import {
  connectionOf, useRedis, type RedisServer,
} from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, serveUntilStopped, startWorkers, workerArgs,
} from '@cookbook/shared/services/worker-processes';
import { generateText } from './15-word-count.text.ts';

// One queue, two worker processes, and the text cut into 8 map tasks.
const QUEUE = 'wordcount';
const WORKERS = 2;
const LINES = 20_000;
const CHUNKS = 8;
const TOP = 5; // how many of the most frequent words we print

// ── map and reduce, as plain functions ─────────────────────────────
type Counts = Record<string, number>; // a count per word

// Disco's map, plus a combiner (as Disco and Hadoop allow): each task
// sums its own (word, 1) pairs and ships one count per distinct word.
export function mapLines(lines: string[]): Counts {
  const counts: Counts = {};
  for (const word of lines.join(' ').split(/\s+/).filter(Boolean)) {
    counts[word] = (counts[word] ?? 0) + 1;
  }
  return counts;
}

// The reduce adds the partial counts of every map, word by word.
export function reduceCounts(partials: Counts[]): Counts {
  const total: Counts = {};
  for (const [word, n] of partials.flatMap((p) => Object.entries(p))) {
    total[word] = (total[word] ?? 0) + n;
  }
  return total;
}

// ── Worker side: `map` jobs and the `reduce` parent ────────────────
// One worker serves both: a `map` counts its lines; the `reduce` runs
// only when all its children are done, and reads their return values.
async function serve(url: string): Promise<void> {
  const worker = new Worker<{ lines?: string[] }, Counts>(QUEUE,
    async (job) => job.name === 'map'
      ? mapLines(job.data.lines ?? [])
      : reduceCounts(Object.values(await job.getChildrenValues<Counts>())),
    { connection: connectionOf(url) });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

// ── Client side: submit the job, print the top words ───────────────
// The distributed count, the serial one, and the number of words.
export type Result = { counts: Counts; serial: Counts; words: number };

// Cut the text into map tasks under one reduce, and check the count.
export async function main(
  options: { redis?: RedisServer; lines?: number } = {},
): Promise<Result> {
  const text = generateText(options.lines ?? LINES);
  return useRedis(options.redis, async ({ connection, url }) => {
    // The worker processes, and the client's flow producer and events.
    const workers = await startWorkers(new URL(import.meta.url),
      WORKERS, [url]);
    const flows = new FlowProducer({ connection });
    const events = new QueueEvents(QUEUE, { connection });
    try {
      // One `reduce` parent over CHUNKS `map` children, each a slice.
      await events.waitUntilReady();
      const step = Math.ceil(text.length / CHUNKS);
      const { job } = await flows.add({ name: 'reduce', queueName: QUEUE,
        children: Array.from({ length: CHUNKS }, (_, i) => ({
          name: 'map', queueName: QUEUE,
          data: { lines: text.slice(i * step, (i + 1) * step) },
        })) });
      // The parent's return value is the whole count.
      const counts = await job.waitUntilFinished(events, 30_000) as Counts;
      const serial = mapLines(text);
      const words = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`${text.length} lines, ${words} words, ` +
        `${CHUNKS} map tasks on ${WORKERS} worker processes`);
      // Most frequent first; ties by word, so the order is stable.
      const top = Object.entries(counts).sort((a, b) =>
        b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP);
      for (const [word, n] of top) console.log(`${word}\t${n}`);
      // Same words, same counts, whatever the order of the keys.
      const same = isDeepStrictEqual(counts, serial);
      console.log(`equal to the serial count: ${same}`);
      return { counts, serial, words };
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
// 20000 lines, 240000 words, 8 map tasks on 2 worker processes
// the	53005
// of	26581
// and	17551
// to	13165
// a	10513
// equal to the serial count: true
