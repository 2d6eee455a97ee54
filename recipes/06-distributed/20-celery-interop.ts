/**
 * Celery interop: a TypeScript client for a Python worker, and back
 *
 * @book    2e ch. 6 "Distributed Python" › Distributed task management
 *          with Celery (beyond the book: Node and Python on one broker)
 * @python  celery_interop_tasks.py (beside this file)
 * @covers  none
 * @run     npm run recipe -- distributed/celery-interop
 * @needs   redis celery
 * @timeout 120000
 * @see     distributed/add-task — the same task with BullMQ
 *
 * BullMQ and Celery do not speak each other's protocol. `celery-node`
 * (pinned at 0.5.9) speaks Celery's: here a TypeScript client sends
 * `tasks.add(20, 22)` to a Python Celery worker, and a TypeScript worker
 * serves `tasks.mul(6, 7)` sent by a Python client; both sides share one
 * Redis as broker and result backend. celery-node has been unmaintained
 * since 2022, and its gaps matter (FIELD-NOTES §5): the Redis broker
 * pops messages with BRPOP, so there is no ack (a crashed Node worker
 * loses its task); there is no concurrency or prefetch limit; only JSON
 * is read; a Node failure is stored as a raw `traceback` that Python's
 * `get()` does not turn into an exception; kwargs arrive as an extra
 * last argument. Use it for simple JSON tasks between languages, and
 * BullMQ (or BullMQ's own Python port) for everything else.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient, createWorker } from 'celery-node';
import { exited, isEntry, killGroup, spawnGroup } from '@cookbook/shared';
import { useRedis, type RedisServer } from '@cookbook/shared/services/redis';

const PYTHON = '/usr/bin/python3'; // Debian's, with python3-celery
const HERE = fileURLToPath(new URL('.', import.meta.url));
const DB = 3; // a Redis database of its own, beside BullMQ's keys

export interface Result {
  sum: number; // tasks.add(20, 22) on the Python worker
  product: number; // tasks.mul(6, 7) on the TypeScript worker
}

export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async (redis) => {
    const url = `${redis.url}/${DB}`;
    const env = { ...process.env, INTEROP_BROKER: url,
      INTEROP_BACKEND: url, PYTHONPATH: HERE };
    // The Python worker: `celery -A celery_interop_tasks worker`, in a
    // process group of its own so we can stop all of it.
    const python = spawnGroup(PYTHON, ['-m', 'celery', '-A',
      'celery_interop_tasks', 'worker', '--pool', 'solo',
      '--loglevel', 'ERROR', '--without-gossip', '--without-mingle',
      '--without-heartbeat'], { cwd: HERE, env, stdio: 'ignore' });
    const client = createClient(url, url);
    // Our worker serves the queue `node`; Python's serves `celery`.
    const worker = createWorker(url, url, 'node');
    worker.register('tasks.mul', (a: number, b: number) => a * b);
    try {
      // TypeScript -> Python: the message waits in Redis until the
      // Python worker is up, then `get` reads the result backend.
      const task = client.createTask('tasks.add');
      const sum = Number(await task.applyAsync([20, 22]).get(60_000));
      console.log(`TypeScript client -> Python worker: ` +
        `tasks.add(20, 22) = ${sum}`);

      // Python -> TypeScript: start our worker, run the Python client.
      // celery-node logs what it receives, like Celery's worker log.
      void worker.start();
      const { stdout } = await promisify(execFile)(PYTHON,
        [`${HERE}celery_interop_tasks.py`], { env, timeout: 60_000 });
      const product = Number(stdout.trim());
      console.log(`Python client -> TypeScript worker: ` +
        `tasks.mul(6, 7) = ${product}`);
      return { sum, product };
    } finally {
      await Promise.all([client.disconnect(), worker.disconnect()]);
      const gone = exited(python);
      killGroup(python, 'SIGTERM');
      await gone;
    }
  });
}

if (isEntry(import.meta.url)) await main();

// Output:
// TypeScript client -> Python worker: tasks.add(20, 22) = 42
// celery.node worker starting...
// registered task: tasks.mul
// celery.node Received task: tasks.mul[{*}], args: 6,7, kwargs: {}
// celery.node Task tasks.mul[{*}] succeeded in {*}s: 42
// Python client -> TypeScript worker: tasks.mul(6, 7) = 42
