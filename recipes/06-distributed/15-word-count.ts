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
 * Disco runs a word count on a cluster: `map` yields `(word, 1)` for
 * each word of a line, `reduce` groups the pairs by word
 * (`kvgroup(sorted(...))`) and sums them. Disco is long dead; we do the
 * same with BullMQ: a flow whose `map` children each count one chunk of
 * lines on a worker process, and whose `reduce` parent adds the partial
 * counts once every map is done. Each map sums its own pairs before
 * sending them (a combiner, as Disco and Hadoop allow), so a chunk ships
 * one count per distinct word, not one pair per word. The text is
 * generated here from a seed (our own word list, no licence needed), so
 * every run counts the same words, and we check the result against a
 * serial count of the whole text.
 */
import { FlowProducer, QueueEvents, Worker } from 'bullmq';
import { isEntry, randomInts } from '@cookbook/shared';
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

const QUEUE = 'wordcount';
const WORKERS = 2;
const LINES = 20_000;
const WORDS_PER_LINE = 12;
const CHUNKS = 8; // map tasks
const TOP = 5;

// ── The input: seeded text over a small vocabulary ─────────────────
// Word i is drawn with weight 1/(i+1) (Zipf-like, as in real text).
const VOCABULARY = ('the of and to a in that it was he for on as with his ' +
  'she at by had not be this but from or have an they which one you were ' +
  'her all there we been if more when will would who so no stove samovar ' +
  'steppe doctor garden letter village').split(' ');

export function generateText(lines = LINES, seed = 5): string[] {
  const weights = VOCABULARY.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const draws = randomInts(lines * WORDS_PER_LINE, 1_000_000, seed);
  const pick = (u: number): string => {
    let acc = 0;
    for (const [i, w] of weights.entries()) {
      acc += w / total;
      if (u <= acc) return VOCABULARY[i]!;
    }
    return VOCABULARY.at(-1)!;
  };
  return Array.from({ length: lines }, (_, l) => draws
    .slice(l * WORDS_PER_LINE, (l + 1) * WORDS_PER_LINE)
    .map((d) => pick(d / 1_000_000)).join(' '));
}

// ── map and reduce, as plain functions ─────────────────────────────
type Counts = Record<string, number>;

export function mapLines(lines: string[]): Counts {
  const counts: Counts = {};
  for (const line of lines) {
    for (const word of line.split(/\s+/).filter(Boolean)) {
      counts[word] = (counts[word] ?? 0) + 1;
    }
  }
  return counts;
}

export function reduceCounts(partials: Counts[]): Counts {
  const total: Counts = {};
  for (const part of partials) {
    for (const [word, n] of Object.entries(part)) {
      total[word] = (total[word] ?? 0) + n;
    }
  }
  return total;
}

// ── Worker side: `map` jobs and the `reduce` parent ────────────────
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
export interface Result {
  counts: Counts;
  serial: Counts;
  words: number;
}

export async function main(
  options: { redis?: RedisServer; lines?: number } = {},
): Promise<Result> {
  const text = generateText(options.lines ?? LINES);
  return useRedis(options.redis, async (redis) => {
    const connection = redis.connection;
    const workers = await startWorkers(new URL(import.meta.url),
      WORKERS, [redis.url]);
    const flows = new FlowProducer({ connection });
    const events = new QueueEvents(QUEUE, { connection });
    try {
      await events.waitUntilReady();
      const step = Math.ceil(text.length / CHUNKS);
      const { job } = await flows.add({
        name: 'reduce', queueName: QUEUE,
        children: Array.from({ length: CHUNKS }, (_, i) => ({
          name: 'map', queueName: QUEUE,
          data: { lines: text.slice(i * step, (i + 1) * step) },
        })),
      });
      const counts = await job.waitUntilFinished(events, 30_000) as Counts;
      const serial = mapLines(text);
      const words = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`${text.length} lines, ${words} words, ` +
        `${CHUNKS} map tasks on ${WORKERS} worker processes`);
      // Most frequent first; ties by word, so the order is stable.
      const top = Object.entries(counts).sort((a, b) =>
        b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP);
      for (const [word, n] of top) console.log(`${word}\t${n}`);
      const same = JSON.stringify(Object.entries(counts).sort()) ===
        JSON.stringify(Object.entries(serial).sort());
      console.log(`equal to the serial count: ${same}`);
      return { counts, serial, words };
    } finally {
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
