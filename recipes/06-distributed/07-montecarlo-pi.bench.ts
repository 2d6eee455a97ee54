/**
 * Monte-Carlo π on the queue vs serially:
 * `npm run bench -- distributed/montecarlo-pi`.
 *
 * MonteCarloPi: 64 tasks of 500,000 darts each (32 million points),
 * counted serially in this process, and as 64 BullMQ jobs run by 2
 * worker processes (the recipe's own workers, started before the
 * clock). Every task is seeded, so both give exactly the same count,
 * which the harness checks. The tasks are big enough (about 10 ms of
 * work each) that the queue's per-job cost is small beside them.
 */
import { Queue, QueueEvents } from 'bullmq';
import { smokeSize, suite } from '@cookbook/bench';
import {
  startRedis,
  type RedisServer,
} from '@cookbook/shared/services/redis';
import {
  startWorkers,
  type WorkerProcesses,
} from '@cookbook/shared/services/worker-processes';
import {
  countOnQueue,
  EVENT_STREAM,
  QUEUE,
  serialCount,
  type Task,
  WORKER,
} from './07-montecarlo-pi.ts';

const TASKS = smokeSize(64, 4);
const ATTEMPTS = smokeSize(500_000, 1_000);
const WORKERS = 2;

let redis: RedisServer | undefined;
let workers: WorkerProcesses | undefined;
let queue: Queue<Task> | undefined;
let events: QueueEvents | undefined;

export default suite('MonteCarloPi', {
  meta: { tasks: TASKS, attempts: ATTEMPTS, op: 'point' },
})
  .add('impl=serial', () => serialCount(TASKS, ATTEMPTS),
    { ops: TASKS * ATTEMPTS })
  .add('impl=bullmq/workers=2',
    () => countOnQueue(queue!, events!, TASKS, ATTEMPTS), {
      ops: TASKS * ATTEMPTS,
      before: async () => {
        redis = await startRedis();
        workers = await startWorkers(WORKER, WORKERS, [redis.url]);
        queue = new Queue<Task>(QUEUE, { connection: redis.connection,
          streams: EVENT_STREAM });
        queue.setMaxListeners(0);
        events = new QueueEvents(QUEUE, { connection: redis.connection });
        await events.waitUntilReady();
      },
      after: async () => {
        await Promise.all([events?.close(), queue?.close()]);
        await workers?.stop();
        await redis?.close();
      },
    });
