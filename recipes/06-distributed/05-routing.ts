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
 * (`CELERY_ROUTES`), give each worker one queue (`-Q`) and a pool size
 * (`-c 8`), and mark tasks whose result nobody reads `ignore_result`. In
 * BullMQ a route is a table from task to queue name, a worker process
 * has its own `concurrency` (async jobs at once), and `removeOnComplete`
 * drops a fire-and-forget job once run. Each job reports which process
 * ran it and how many jobs that process had running.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { isEntry } from '@cookbook/shared';
import { useRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { startWorkers } from '@cookbook/shared/services/worker-processes';

// CELERY_ROUTES: which queue each task goes to.
export const ROUTES = { add: 'cpu', fetch: 'io', log: 'io' } as const;
type Task = keyof typeof ROUTES;
// Per-queue pool sizes: `-c 1` for CPU work, `-c 8` for waiting work.
export const CONCURRENCY = { cpu: 1, io: 8 } as const;
// How many jobs of each task we send, and how long a `fetch` waits.
const JOBS = { add: 6, fetch: 16, log: 5 };
export const FETCH_MS = 200; // a stand-in for a slow network call
// What a job reports: the process that ran it, and its jobs running.
export type Ran = { pid: number; running: number };
// `celery worker -Q <queue> -c <n>` is 05-routing.worker.ts: a process
// that runs `new Worker(queue, task, { concurrency: CONCURRENCY[queue] })`.
const WORKER = new URL('./05-routing.worker.ts', import.meta.url);

// ── Client side ────────────────────────────────────────────────────
// Where each task ran, how many jobs overlapped, what the logs left.
export interface Result {
  pids: Record<'cpu' | 'io', number>;
  ranOn: Record<'add' | 'fetch', number[]>; // distinct pids per task
  peak: Record<'add' | 'fetch', number>;
  logged: number;
  logKept: number; // fire-and-forget jobs still stored afterwards
}

// Send each task by its route, then see where and how it ran.
export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async ({ connection, url }) => {
    // Per queue: one worker process serving it, the client's handle to
    // add jobs, and an event stream that says when they finish.
    const open = async (name: 'cpu' | 'io') => ({
      worker: await startWorkers(WORKER, 1, [url, name]),
      queue: new Queue(name, { connection }),
      events: new QueueEvents(name, { connection }),
    });
    const [cpu, io] = await Promise.all([open('cpu'), open('io')]);
    const lanes = { cpu, io };
    // 16 jobs awaited at once: more listeners than Node's default 10.
    io.queue.setMaxListeners(32);
    const client = new Redis(url); // reads the `log` task's counter
    try {
      // Events sent before we listen are lost: wait until we listen.
      await Promise.all([cpu.events.waitUntilReady(),
        io.events.waitUntilReady(), client.del('logged')]);
      // Sending a task looks its queue up in the route table.
      const send = (task: Task, count: number, opts = {}) =>
        lanes[ROUTES[task]].queue.addBulk(Array.from({ length: count },
          (_, x) => ({ name: task, data: { x }, opts })));
      // For `add` and `fetch` we wait for every job's report.
      const waitAll = async (task: 'add' | 'fetch') => {
        const jobs = await send(task, JOBS[task]);
        return Promise.all(jobs.map((j) => j.waitUntilFinished(
          lanes[ROUTES[task]].events, 30_000) as Promise<Ran>));
      };
      // ignore_result: nobody waits, and the job is deleted once run.
      const logs = await send('log', JOBS.log, { removeOnComplete: true });
      const [adds, fetches] = await Promise.all([waitAll('add'),
        waitAll('fetch')]);
      // The logs ran (the counter says so) but left no job behind.
      while (Number(await client.get('logged')) < JOBS.log) await sleep(20);
      const logged = Number(await client.get('logged'));
      const kept = await Promise.all(logs.map((j) =>
        io.queue.getJob(j.id ?? '')));
      const logKept = kept.filter((j) => j !== undefined).length;
      // The processes each task ran on, named by the queue they serve.
      const pids = { cpu: cpu.worker.pids[0] ?? 0, io: io.worker.pids[0] ?? 0 };
      const ranOn = { add: distinctPids(adds), fetch: distinctPids(fetches) };
      for (const task of ['add', 'fetch'] as const) {
        const on = ranOn[task].map((p) => p === pids.cpu ? 'cpu' : 'io');
        console.log(`${task}: ${JOBS[task]} jobs -> queue ${ROUTES[task]}, ` +
          `ran on the ${on.join()} worker, ` +
          `concurrency ${CONCURRENCY[ROUTES[task]]}`);
      }
      console.log(`log: ${logged} fire-and-forget jobs ran, ` +
        `${logKept} kept in Redis`);
      const peak = { add: peakOf(adds), fetch: peakOf(fetches) };
      return { pids, ranOn, peak, logged, logKept };
    } finally {
      // Close the client's connections, then stop both workers.
      client.disconnect();
      for (const { queue, events, worker } of [cpu, io]) {
        await Promise.all([queue.close(), events.close()]);
        await worker.stop();
      }
    }
  });
}

// The distinct processes a task ran on, and its most jobs at once.
const distinctPids = (rs: Ran[]) => [...new Set(rs.map((r) => r.pid))];
const peakOf = (rs: Ran[]) => Math.max(...rs.map((r) => r.running));

if (isEntry(import.meta.url)) await main();

// Output:
// add: 6 jobs -> queue cpu, ran on the cpu worker, concurrency 1
// fetch: 16 jobs -> queue io, ran on the io worker, concurrency 8
// log: 5 fire-and-forget jobs ran, 0 kept in Redis
