/**
 * Scientific computing with a distributed map: Monte-Carlo π
 *
 * @book    1e ch. 5 "Distributed Python" › Scientific computing with
 *          SCOOP
 * @python  pi_calculus_with_montecarlo_method.py
 * @covers  D7
 * @run     npm run recipe -- distributed/montecarlo-pi
 * @needs   redis
 * @timeout 180000
 *
 * SCOOP's `futures.map(evaluate_points_in_circle, [attempts] * workers)`
 * runs tasks of `attempts` random darts at the unit square on its
 * processes; the darts inside the quarter disc give π. The book runs
 * (1000, 1000) to (3000, 3000) on 2 local workers: 10.26 s to 32.36 s.
 * Our map is one BullMQ job per task, run by worker processes
 * (07-montecarlo-pi.worker.ts); each job's `waitUntilFinished` is a
 * future. Tasks are seeded, so the count equals a serial run's.
 */
import { Queue, QueueEvents } from 'bullmq';
import { isEntry, randomInts } from '@cookbook/shared';
import { useRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { startWorkers } from '@cookbook/shared/services/worker-processes';

// The queue, and its processes with many jobs in flight (hides RTTs).
export const QUEUE = 'pi';
const WORKER_PROCESSES = 2; // the book's 2 local SCOOP workers
export const CONCURRENCY = 16;
export const WORKER = new URL('./07-montecarlo-pi.worker.ts', import.meta.url);
// (tasks, attempts) per run, and the book's times for them.
export const RUNS: [number, number][] = [1000, 2000, 3000].map((n) => [n, n]);
const BOOK_S = [10.26, 20.45, 32.36];
const MAX = 2_147_483_646; // the generator's largest value

// One task: `attempts` darts from the generator seeded with `seed`.
export function pointsInCircle(attempts: number, seed: number): number {
  const draws = randomInts(2 * attempts, MAX, seed);
  let inside = 0;
  for (let i = 0; i < draws.length; i += 2) {
    const x = draws[i]! / MAX, y = draws[i + 1]! / MAX;
    if (x * x + y * y <= 1) inside++;
  }
  return inside;
}

// Task k of a run gets seed k + 1 (the generator needs a seed > 0).
export function serialCount(tasks: number, attempts: number): number {
  let total = 0;
  for (let k = 0; k < tasks; k++) total += pointsInCircle(attempts, k + 1);
  return total;
}

// What a job carries: its darts, and the seed of its generator.
export type Task = { attempts: number; seed: number };

// ── Client side: futures.map over the queue ────────────────────────
// Redis trims a queue's event stream to 10,000 entries; 3,000 jobs write
// more, and a 'completed' event lost before we read it hangs its future.
export const EVENT_STREAM = { events: { maxLen: 100_000 } };

// One job per task; each job's `waitUntilFinished` is a future, and
// awaiting them all in order is the map. Then we add up the counts.
export async function countOnQueue(queue: Queue<Task>, events: QueueEvents,
  tasks: number, attempts: number): Promise<number> {
  const jobs = await queue.addBulk(Array.from({ length: tasks },
    (_, k) => ({ name: 'evaluate', data: { attempts, seed: k + 1 } })));
  const counts = await Promise.all(jobs.map((job) =>
    job.waitUntilFinished(events, 60_000) as Promise<number>));
  return counts.reduce((a, b) => a + b, 0);
}

// One run of the book's: its size, the two counts, and π.
export type Run = { tasks: number; attempts: number; inside: number;
  expected: number; pi: number };

// The book's three runs, each a map over the queue beside a serial one.
export async function main(
  options: { redis?: RedisServer; runs?: [number, number][] } = {},
): Promise<Run[]> {
  return useRedis(options.redis, async ({ connection, url }) => {
    // The worker processes, the client's queue and its event stream.
    const workers = await startWorkers(WORKER, WORKER_PROCESSES, [url]);
    const queue = new Queue<Task>(QUEUE, { connection, streams: EVENT_STREAM });
    const events = new QueueEvents(QUEUE, { connection });
    queue.setMaxListeners(0); // a future per job: more than Node's 10
    try {
      await events.waitUntilReady();
      // Each run is one map over the queue, timed beside the book's.
      const runs: Run[] = [];
      for (const [i, [tasks, attempts]] of (options.runs ?? RUNS)
        .entries()) {
        const started = performance.now();
        const inside = await countOnQueue(queue, events, tasks, attempts);
        const s = (performance.now() - started) / 1000;
        const pi = (4 * inside) / (tasks * attempts);
        const error = (Math.abs(pi - Math.PI) / Math.PI) * 100;
        console.log(`${inside} of ${tasks * attempts} points in the ` +
          `disk: pi = ${pi.toFixed(6)}, error ${error.toFixed(3)}%`);
        console.log(`  ${tasks} tasks took ${s.toFixed(2)} s ` +
          `(book: ${BOOK_S[i] ?? '-'} s)`);
        // The serial count of the same seeded tasks is the oracle.
        runs.push({ tasks, attempts, inside, pi,
          expected: serialCount(tasks, attempts) });
      }
      const same = runs.every((r) => r.inside === r.expected);
      console.log(`every count equals the serial count: ${same}`);
      return runs;
    } finally {
      // Close the client's connections, then stop the workers.
      await Promise.all([events.close(), queue.close()]);
      await workers.stop();
    }
  });
}

if (isEntry(import.meta.url)) await main();

// Output:
// 785590 of 1000000 points in the disk: pi = 3.142360, error 0.024%
//   1000 tasks took {*} s (book: 10.26 s)
// 3143141 of 4000000 points in the disk: pi = 3.143141, error 0.049%
//   2000 tasks took {*} s (book: 20.45 s)
// 7069838 of 9000000 points in the disk: pi = 3.142150, error 0.018%
//   3000 tasks took {*} s (book: 32.36 s)
// every count equals the serial count: true
