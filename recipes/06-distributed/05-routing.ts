/**
 * A task queue in production: routing, concurrency, fire-and-forget
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › Celery in
 *          production
 * @python  config.py (CELERY_ROUTES), `celery worker -Q queue1 -c 8`
 * @covers  D5
 * @run     npm run recipe -- distributed/routing
 * @needs   redis
 * @timeout 120000
 *
 * The book's production advice: route tasks to named queues
 * (`CELERY_ROUTES`), start workers that serve one queue each (`-Q`),
 * size each pool (`-c 8`, `-P threads` for I/O-bound work), and mark
 * tasks whose result nobody reads `ignore_result=True`. In BullMQ a
 * queue is a name, so a route is a table from task to queue name; a
 * worker process serves the queue it is given, with its own
 * `concurrency` (async jobs at once in one process); and
 * `removeOnComplete` drops a fire-and-forget job once it has run. Each
 * job reports which process ran it and how many jobs that process had
 * running, so we can check the routes and the limits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
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

// CELERY_ROUTES: which queue each task goes to.
export const ROUTES = { add: 'cpu', fetch: 'io', log: 'io' } as const;
type Task = keyof typeof ROUTES;
// Per-queue pool sizes: `-c 1` for CPU work, `-c 8` for waiting work.
export const CONCURRENCY = { cpu: 1, io: 8 } as const;
const JOBS = { add: 6, fetch: 16, log: 5 };
const FETCH_MS = 200; // a stand-in for a slow network call

interface Ran {
  pid: number;
  running: number;
}

// ── Worker side: `celery worker -Q <queue> -c <n>` ─────────────────
// `running` counts this process's jobs in progress (a gauge); the
// fire-and-forget `log` task only bumps a counter in Redis.
async function serve(url: string, queue: 'cpu' | 'io'): Promise<void> {
  let running = 0;
  const counter = new Redis(url);
  const worker = new Worker<{ x: number }, Ran | undefined>(queue,
    async (job) => {
      running++;
      const ran = { pid: process.pid, running };
      if (job.name === 'fetch') await sleep(FETCH_MS);
      if (job.name === 'log') await counter.incr('logged');
      running--;
      return job.name === 'log' ? undefined : ran;
    }, { connection: connectionOf(url), concurrency: CONCURRENCY[queue] });
  await worker.waitUntilReady();
  serveUntilStopped(worker, { close: () => counter.quit() });
}

// ── Client side ────────────────────────────────────────────────────
export interface Result {
  pids: Record<'cpu' | 'io', number>;
  ranOn: Record<Task, number[]>; // distinct pids per task
  peak: Record<'add' | 'fetch', number>;
  logged: number;
  logKept: number; // fire-and-forget jobs still stored afterwards
}

export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async (redis) => {
    const connection = redis.connection;
    const me = new URL(import.meta.url);
    // One worker process per queue, each with its own pool size.
    const [cpu, io] = await Promise.all([
      startWorkers(me, 1, [redis.url, 'cpu']),
      startWorkers(me, 1, [redis.url, 'io'])]);
    const queues = { cpu: new Queue('cpu', { connection }),
      io: new Queue('io', { connection }) };
    const events = { cpu: new QueueEvents('cpu', { connection }),
      io: new QueueEvents('io', { connection }) };
    // Each `waitUntilFinished` listens for the queue closing; we wait
    // for 16 jobs at once, more than Node's default of 10 listeners.
    queues.io.setMaxListeners(32);
    // A plain Redis client reads the `log` task's counter.
    const client = new Redis(redis.url);
    try {
      await Promise.all([events.cpu.waitUntilReady(),
        events.io.waitUntilReady(), client.del('logged')]);
      // Sending a task looks its queue up in the route table.
      const send = (task: Task, count: number, opts = {}) =>
        queues[ROUTES[task]].addBulk(Array.from({ length: count },
          (_, x) => ({ name: task, data: { x }, opts })));
      const waitAll = async (task: 'add' | 'fetch') => {
        const jobs = await send(task, JOBS[task]);
        return Promise.all(jobs.map((j) => j.waitUntilFinished(
          events[ROUTES[task]], 30_000) as Promise<Ran>));
      };
      // ignore_result: nobody waits, and the job is deleted once run.
      const logs = await send('log', JOBS.log, { removeOnComplete: true });
      const [adds, fetches] = await Promise.all([waitAll('add'),
        waitAll('fetch')]);

      // The logs ran (the counter says so) but left no job behind.
      while (Number(await client.get('logged')) < JOBS.log) await sleep(20);
      const logged = Number(await client.get('logged'));
      const kept = await Promise.all(logs.map((j) =>
        queues.io.getJob(j.id ?? '')));
      const logKept = kept.filter((j) => j !== undefined).length;

      const pidsOf = (rs: Ran[]) => [...new Set(rs.map((r) => r.pid))];
      const peakOf = (rs: Ran[]) => Math.max(...rs.map((r) => r.running));
      const result: Result = {
        pids: { cpu: cpu.pids[0] ?? 0, io: io.pids[0] ?? 0 },
        ranOn: { add: pidsOf(adds), fetch: pidsOf(fetches), log: [] },
        peak: { add: peakOf(adds), fetch: peakOf(fetches) },
        logged, logKept,
      };
      const on = (task: 'add' | 'fetch') =>
        result.ranOn[task].map((p) => (p === result.pids.cpu ? 'cpu'
          : 'io')).join();
      for (const task of ['add', 'fetch'] as const) {
        console.log(`${task}: ${JOBS[task]} jobs -> queue ` +
          `${ROUTES[task]}, ran on the ${on(task)} worker, ` +
          `concurrency ${CONCURRENCY[ROUTES[task]]}`);
      }
      console.log(`log: ${logged} fire-and-forget jobs ran, ` +
        `${logKept} kept in Redis`);
      return result;
    } finally {
      await Promise.all([...Object.values(events), ...Object.values(queues)]
        .map((x) => x.close()));
      client.disconnect();
      await Promise.all([cpu.stop(), io.stop()]);
    }
  });
}

if (isWorkerProcess()) {
  const [url = '', queue = 'cpu'] = workerArgs();
  await serve(url, queue === 'io' ? 'io' : 'cpu');
} else if (isEntry(import.meta.url)) await main();

// Output:
// add: 6 jobs -> queue cpu, ran on the cpu worker, concurrency 1
// fetch: 16 jobs -> queue io, ran on the io worker, concurrency 8
// log: 5 fire-and-forget jobs ran, 0 kept in Redis
