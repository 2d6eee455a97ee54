/**
 * The two children of distributed/broker-down: a worker process that
 * runs `double`, and a client process that sends jobs one by one and
 * reports each one done. Both exit 1 with one line when the recipe's
 * `exitWhenBrokerGone` sees the broker gone.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { connectionOf } from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, workerArgs,
} from '@cookbook/shared/services/worker-processes';
import { exitWhenBrokerGone, QUEUE } from './12-broker-down.ts';

// The worker doubles each job's x, and watches its one Worker.
async function runWorker(url: string): Promise<void> {
  const worker = new Worker(QUEUE, async (job) => job.data.x * 2,
    { connection: connectionOf(url) });
  exitWhenBrokerGone(url, 'worker', [worker]);
  await worker.waitUntilReady();
  process.send?.('ready');
}

// The client awaits each job in turn, for ever: only the broker's loss
// ends it.
async function runClient(url: string): Promise<void> {
  const connection = connectionOf(url);
  const queue = new Queue(QUEUE, { connection });
  const events = new QueueEvents(QUEUE, { connection });
  exitWhenBrokerGone(url, 'client', [queue, events]);
  await events.waitUntilReady();
  process.send?.('ready');
  for (let x = 0; ; x++) {
    const job = await queue.add('double', { x });
    await job.waitUntilFinished(events);
    process.send?.({ done: x + 1 });
  }
}

if (isWorkerProcess()) {
  const [url = '', role = ''] = workerArgs();
  await (role === 'client' ? runClient(url) : runWorker(url));
}
