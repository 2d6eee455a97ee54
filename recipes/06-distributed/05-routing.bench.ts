/**
 * Task-queue throughput: `npm run bench -- distributed/routing`.
 *
 * TaskQueue: 10,000 trivial jobs (`square(i)`) through BullMQ on one
 * Redis, run by worker *processes* started before the clock: one worker
 * with concurrency 1, and two workers with concurrency 50 each. A run
 * adds the jobs in bulk (batches of 1,000) and waits until the last
 * 'completed' event; the answer is the sum of the results, so a lost or
 * doubled job fails the bench. Results are per job (1e9 / ns = jobs/s).
 * Beside them, our Python Celery peer on the same Redis (broker db 1,
 * result backend db 2) with a `celery worker --pool prefork` process of
 * 2 children: the same broker for both sides. Celery is far slower per
 * task, so it runs 1,000 tasks per run, reported per task too.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { smokeSize, suite } from '@cookbook/bench';
import {
  connectionOf,
  freePort,
  startRedis,
  type RedisServer,
} from '@cookbook/shared/services/redis';
import {
  isWorkerProcess,
  serveUntilStopped,
  startWorkers,
  workerArgs,
  type WorkerProcesses,
} from '@cookbook/shared/services/worker-processes';

const JOBS = smokeSize(10_000, 200);
const PEER_TASKS = 1_000;
const BATCH = 1_000;

// The server's URL must be known when the suite is declared (the peer's
// arguments name it), so we pick the port now and start Redis later.
const URL_ = process.env['REDIS_URL'] ?? (isWorkerProcess() ? ''
  : `redis://127.0.0.1:${await freePort()}`);
let redis: RedisServer | undefined;

// ── Worker processes: this file, forked with `worker <url> <queue> <c>`
async function serve(url: string, queue: string, concurrency: number) {
  const worker = new Worker<{ i: number }, number>(queue,
    async (job) => job.data.i * job.data.i,
    { connection: connectionOf(url), concurrency,
      removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

/** One variant: its own queue, its worker processes, a client. */
function variant(workers: number, concurrency: number) {
  const name = `bench-w${workers}-c${concurrency}`;
  let procs: WorkerProcesses | undefined;
  let queue: Queue | undefined;
  let events: QueueEvents | undefined;
  return {
    before: async () => {
      const connection = connectionOf(URL_);
      // A run writes ~4 events per job; the default stream (10,000
      // events) could be trimmed before we read a 'completed' event.
      queue = new Queue(name, { connection,
        streams: { events: { maxLen: 20 * JOBS } } });
      events = new QueueEvents(name, { connection });
      await events.waitUntilReady();
      procs = await startWorkers(new URL(import.meta.url), workers,
        [URL_, name, String(concurrency)]);
    },
    after: async () => {
      await Promise.all([events?.close(), queue?.close()]);
      await procs?.stop();
    },
    run: async (): Promise<number> => {
      let left = JOBS;
      let sum = 0;
      const done = new Promise<void>((resolve) => {
        const onCompleted = ({ returnvalue }: { returnvalue: unknown }) => {
          sum += Number(returnvalue);
          if (--left === 0) {
            events?.off('completed', onCompleted);
            resolve();
          }
        };
        events?.on('completed', onCompleted);
      });
      for (let start = 0; start < JOBS; start += BATCH) {
        await queue?.addBulk(Array.from(
          { length: Math.min(BATCH, JOBS - start) },
          (_, k) => ({ name: 'square', data: { i: start + k } })));
      }
      await done;
      return sum;
    },
  };
}

function add(workers: number, concurrency: number) {
  const v = variant(workers, concurrency);
  return [v.run, { before: v.before, after: v.after, ops: JOBS }] as const;
}

const PEER = new URL('../../benchmarks/peers/python/celery_tasks.py',
  import.meta.url);
const sumOfSquares = (n: number) => ((n - 1) * n * (2 * n - 1)) / 6;

const taskQueue = suite('TaskQueue', {
  runs: 5,
  before: async () => {
    redis = process.env['REDIS_URL'] ? undefined
      : await startRedis({ port: Number(new URL(URL_).port) });
  },
  after: () => redis?.close(),
  // The peer runs fewer tasks: its answer is checked on its own size.
  check: (answer, baseline) => answer === baseline ||
    answer === sumOfSquares(PEER_TASKS),
  meta: { jobs: JOBS, op: 'job', broker: 'redis (loopback)' },
})
  .add('impl=bullmq/workers=1/concurrency=1', ...add(1, 1))
  .add('impl=bullmq/workers=2/concurrency=50', ...add(2, 50))
  .peer('peer=python-celery/workers=2', {
    script: PEER,
    args: ['--pool', 'prefork', '--workers', '2',
      '--tasks', String(PEER_TASKS),
      '--broker', `${URL_}/1`, '--backend', `${URL_}/2`],
    modules: ['celery', 'redis'],
    runs: 3,
    ops: PEER_TASKS,
  });

export default [taskQueue];

if (isWorkerProcess()) {
  const [url = '', queue = '', concurrency = '1'] = workerArgs();
  await serve(url, queue, Number(concurrency));
}
