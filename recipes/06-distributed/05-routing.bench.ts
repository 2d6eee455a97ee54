/**
 * Task-queue throughput: `npm run bench -- distributed/routing`.
 *
 * TaskQueue: 10,000 trivial jobs (`square(i)`) through BullMQ on one
 * Redis, run by worker *processes* started before the clock (the
 * recipe's `startWorkers`/`serveUntilStopped`): one worker with
 * concurrency 1, and two workers with concurrency 50 each. A run adds
 * the jobs in bulk (batches of 1,000) and ends when the workers have
 * completed all of them; the answer is the sum of the results, so a
 * lost or doubled job fails the bench. Results are per job
 * (1e9 / ns = jobs/s).
 *
 * How a run learns that its jobs are done matters at this rate. A
 * `QueueEvents` reader in the client parses every event of the stream
 * (added, waiting, active, completed: 4 per job, 40,000 per run) on the
 * same two cores the workers and Redis need (6-12% slower in an A/B
 * run here). So each worker process counts its own 'completed' jobs and
 * their results, and reports the running totals to the client over the
 * fork IPC channel every few milliseconds. Every job still goes through
 * Redis exactly as in the recipe (added, moved to active, finished, its
 * event written); finished jobs are deleted at once in both.
 *
 * `impl=bullmq-plain/workers=1/concurrency=50` is the ceiling of the
 * same work here: the queue and one Worker in this very process, no
 * IPC, no events read (the "plain script" of PLATFORM.md §4, but timed
 * end to end: adding and processing, as every variant here is).
 *
 * Why there is a ceiling: every job costs Redis two Lua scripts (the
 * add, and the finish that also fetches the next job), about 30 Redis
 * calls. Before the runs the suite times the two phases apart in a
 * plain script (10,000 jobs added with no worker running, then drained
 * by one Worker: `plain-phases`, what PLATFORM.md §4 reported) and
 * reads Redis's own CPU time for each (`redis-cpu-per-job`). No client,
 * however lean, goes faster than 1 s divided by that, and on 2 cores
 * the Node side (BullMQ and ioredis, ~200 µs of CPU a job) needs the
 * same two cores as Redis.
 *
 * Beside them, our Python Celery peer on the same Redis (broker db 1,
 * result backend db 2) with a `celery worker --pool prefork` process of
 * 2 children: the same broker for both sides. Celery is far slower per
 * task, so it runs 1,000 tasks per run, reported per task too.
 *
 * TaskQueueStartup: starting 2 worker processes until each one's
 * Worker is connected and has said ready (what the clock above leaves
 * out), reported on its own. The groups are stopped after the suite.
 */
import { Queue, Worker, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
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
const REPORT_MS = 5;

// The server's URL must be known when the suite is declared (the peer's
// arguments name it), so we pick the port now and start Redis later.
const URL_ = process.env['REDIS_URL'] ?? (isWorkerProcess() ? ''
  : `redis://127.0.0.1:${await freePort()}`);
let redis: RedisServer | undefined;

// The task, and the same Worker options everywhere: finished jobs are
// deleted at once (keeping 10,000 result hashes a run costs Redis time
// and memory).
const square = async (job: { data: { i: number } }) =>
  job.data.i * job.data.i;
const workerOptions = (url: string, concurrency: number): WorkerOptions =>
  ({ connection: connectionOf(url), concurrency,
    removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } });

/** Running totals a worker process reports: jobs done, their sum. */
interface Tally {
  done: number;
  sum: number;
}
const isTally = (m: unknown): m is Tally =>
  typeof m === 'object' && m !== null && 'done' in m && 'sum' in m;

// ── Worker processes: this file, forked with `worker <url> <queue> <c>`
// Each counts its completed jobs and sends the totals so far at most
// every REPORT_MS (one message per ~100 jobs, not one per job).
async function serve(url: string, queue: string, concurrency: number) {
  const worker = new Worker<{ i: number }, number>(queue, square,
    workerOptions(url, concurrency));
  const tally: Tally = { done: 0, sum: 0 };
  let timer: NodeJS.Timeout | undefined;
  worker.on('completed', (_job, result) => {
    tally.done++;
    tally.sum += result;
    timer ??= setTimeout(() => {
      timer = undefined;
      process.send?.(tally);
    }, REPORT_MS);
  });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

/** Adds `jobs` `square` jobs in batches of BATCH. */
async function addJobs(queue: Queue, jobs = JOBS): Promise<void> {
  for (let start = 0; start < jobs; start += BATCH) {
    await queue.addBulk(Array.from(
      { length: Math.min(BATCH, jobs - start) },
      (_, k) => ({ name: 'square', data: { i: start + k } })));
  }
}

/** Redis's own CPU time so far (user + system), in µs. */
async function redisCpuUs(client: Redis): Promise<number> {
  const info = await client.info('cpu');
  const field = (key: string) =>
    Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

/** What one job costs, phase by phase (a plain in-process script). */
interface Phases {
  addPerS: number; // jobs/s while adding, no worker running
  drainPerS: number; // jobs/s while one Worker empties the queue
  redisAddUs: number; // Redis CPU µs per job while adding
  redisRunUs: number; // ... while finishing jobs and fetching the next
}

/**
 * Adds `jobs` jobs with no worker running, then lets one Worker
 * (concurrency 50) in this process empty the queue: the two phases that
 * PLATFORM.md §4 timed apart, with Redis's CPU time for each.
 */
async function phases(url: string, jobs: number): Promise<Phases> {
  const name = 'bench-phases';
  const client = new Redis(url);
  const queue = new Queue(name, { connection: connectionOf(url) });
  const worker = new Worker(name, square,
    { ...workerOptions(url, 50), autorun: false });
  try {
    await worker.waitUntilReady();
    let left = jobs;
    const done = new Promise((resolve) =>
      worker.on('completed', () => --left === 0 && resolve(undefined)));
    const cpu0 = await redisCpuUs(client);
    const t0 = performance.now();
    await addJobs(queue, jobs);
    const t1 = performance.now();
    const cpu1 = await redisCpuUs(client);
    const t2 = performance.now();
    void worker.run();
    await done;
    const t3 = performance.now();
    const cpu2 = await redisCpuUs(client);
    return { addPerS: jobs / (t1 - t0) * 1e3,
      drainPerS: jobs / (t3 - t2) * 1e3,
      redisAddUs: (cpu1 - cpu0) / jobs, redisRunUs: (cpu2 - cpu1) / jobs };
  } finally {
    await Promise.all([worker.close(), queue.close()]);
    client.disconnect();
  }
}

/** One variant: its own queue, its worker processes, a client. */
function variant(workers: number, concurrency: number) {
  const name = `bench-w${workers}-c${concurrency}`;
  let procs: WorkerProcesses | undefined;
  let queue: Queue | undefined;
  // The latest totals of each worker process, and what a run has seen.
  const latest = new Map<number, Tally>();
  let onReport = () => {};
  const total = () => [...latest.values()].reduce(
    (t, x) => ({ done: t.done + x.done, sum: t.sum + x.sum }),
    { done: 0, sum: 0 });
  return {
    before: async () => {
      queue = new Queue(name, { connection: connectionOf(URL_) });
      procs = await startWorkers(new URL(import.meta.url), workers,
        [URL_, name, String(concurrency)]);
      procs.children.forEach((child, k) => child.on('message', (m) => {
        if (!isTally(m)) return;
        latest.set(k, m);
        onReport();
      }));
    },
    after: async () => {
      await queue?.close();
      await procs?.stop();
    },
    run: async (): Promise<number> => {
      const start = total();
      const done = new Promise<void>((resolve) => {
        onReport = () => {
          if (total().done - start.done >= JOBS) resolve();
        };
      });
      if (queue) await addJobs(queue);
      await done;
      return total().sum - start.sum;
    },
  };
}

/** The ceiling: queue and Worker in this one process, no IPC. */
function plain(concurrency: number) {
  const name = `bench-plain-c${concurrency}`;
  let queue: Queue | undefined;
  let worker: Worker<{ i: number }, number> | undefined;
  return {
    before: async () => {
      queue = new Queue(name, { connection: connectionOf(URL_) });
      worker = new Worker<{ i: number }, number>(name, square,
        workerOptions(URL_, concurrency));
      await worker.waitUntilReady();
    },
    after: async () => {
      await Promise.all([worker?.close(), queue?.close()]);
    },
    run: async (): Promise<number> => {
      let left = JOBS;
      let sum = 0;
      const done = new Promise<void>((resolve) => {
        const onCompleted = (_job: unknown, result: number) => {
          sum += result;
          if (--left > 0) return;
          worker?.off('completed', onCompleted);
          resolve();
        };
        worker?.on('completed', onCompleted);
      });
      if (queue) await addJobs(queue);
      await done;
      return sum;
    },
  };
}

function add(v: ReturnType<typeof variant | typeof plain>) {
  return [v.run, { before: v.before, after: v.after, ops: JOBS }] as const;
}

const PEER = new URL('../../benchmarks/peers/python/celery_tasks.py',
  import.meta.url);
const sumOfSquares = (n: number) => ((n - 1) * n * (2 * n - 1)) / 6;

let cost: Phases | undefined;
const k = (perS = NaN) => `${(perS / 1e3).toFixed(1)}k jobs/s`;
const us = (x = NaN) => `${x.toFixed(0)} µs`;
const taskQueue = suite('TaskQueue', {
  runs: 5,
  before: async () => {
    redis = process.env['REDIS_URL'] ? undefined
      : await startRedis({ port: Number(new URL(URL_).port) });
    // A first round loads the Lua scripts and warms the JIT; discarded.
    await phases(URL_, smokeSize(1_000, 50));
    cost = await phases(URL_, JOBS);
  },
  after: () => redis?.close(),
  // The peer runs fewer tasks: its answer is checked on its own size.
  check: (answer, baseline) => answer === baseline ||
    answer === sumOfSquares(PEER_TASKS),
  meta: () => {
    const redisUs = (cost?.redisAddUs ?? NaN) + (cost?.redisRunUs ?? NaN);
    return { jobs: JOBS, op: 'job', broker: 'redis (loopback)',
      'redis-cpu-per-job': `${us(redisUs)} (add ${us(cost?.redisAddUs)}` +
        ` + finish ${us(cost?.redisRunUs)}): at most ${k(1e6 / redisUs)}`,
      'plain-phases': `add alone ${k(cost?.addPerS)}, drain of a full ` +
        `queue alone ${k(cost?.drainPerS)} (one sample each)` };
  },
})
  .add('impl=bullmq/workers=1/concurrency=1', ...add(variant(1, 1)))
  .add('impl=bullmq/workers=2/concurrency=50', ...add(variant(2, 50)))
  .add('impl=bullmq-plain/workers=1/concurrency=50', ...add(plain(50)))
  .peer('peer=python-celery/workers=2', {
    script: PEER,
    args: ['--pool', 'prefork', '--workers', '2',
      '--tasks', String(PEER_TASKS),
      '--broker', `${URL_}/1`, '--backend', `${URL_}/2`],
    modules: ['celery', 'redis'],
    runs: 3,
    ops: PEER_TASKS,
  });

// Start-up, left out of TaskQueue's clock: fork 2 workers (esbuild
// bundle, Node start, BullMQ import, Redis connections) until ready.
const groups: WorkerProcesses[] = [];
const startup = suite('TaskQueueStartup', {
  runs: 5,
  before: async () => {
    redis = process.env['REDIS_URL'] ? undefined
      : await startRedis({ port: Number(new URL(URL_).port) });
  },
  after: async () => {
    await Promise.all(groups.splice(0).map((g) => g.stop()));
    await redis?.close();
  },
  answer: () => true,
  meta: { op: 'start of 2 worker processes, until ready' },
}).add('impl=bullmq/workers=2', async () => {
  groups.push(await startWorkers(new URL(import.meta.url), 2,
    [URL_, 'bench-startup', '1']));
});

export default [taskQueue, startup];

if (isWorkerProcess()) {
  const [url = '', queue = '', concurrency = '1'] = workerArgs();
  await serve(url, queue, Number(concurrency));
}
