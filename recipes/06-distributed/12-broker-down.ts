/**
 * The broker goes away: clear errors and a non-zero exit, not a hang
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › Celery in
 *          production (beyond the book: losing the broker)
 * @covers  none
 * @run     npm run recipe -- distributed/broker-down
 * @needs   redis
 * @timeout 120000
 *
 * The book notes that a Celery client with no worker waits for ever.
 * Without a *broker* it is the same story: BullMQ's Redis client
 * reconnects for ever (workers must be set up that way), so a job that
 * will never finish is awaited for ever. Here a client process sends
 * jobs and a worker process runs them; halfway through we stop Redis.
 * Each process watches its queue objects' 'error' events: when the
 * broker stays unreachable for a short grace, it prints one line
 * saying so and exits with code 1, so a supervisor (systemd, k8s, our
 * test) sees the failure instead of a silent hang.
 */
import type { EventEmitter } from 'node:events';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import {
  connectionOf,
  ping,
  startRedis,
} from '@cookbook/shared/services/redis';
import {
  isWorkerProcess,
  startWorkers,
  workerArgs,
  type WorkerProcesses,
} from '@cookbook/shared/services/worker-processes';

const QUEUE = 'fragile';
const GRACE_MS = 1_500; // how long the broker may be away
const STOP_AFTER = 5; // jobs the client sees done before Redis stops

// ── In each child: give up, loudly, when the broker stays away ─────
function exitWhenBrokerGone(url: string, who: string,
  emitters: EventEmitter[]): void {
  const { host, port } = connectionOf(url);
  let pending: NodeJS.Timeout | undefined;
  const check = (error: Error) => {
    pending ??= setTimeout(async () => {
      pending = undefined;
      if (await ping(port, host)) return; // it came back: carry on
      const line = `${who}: lost the broker at ${url} (${error.message})`;
      console.error(line);
      process.send?.({ error: line });
      process.exit(1);
    }, GRACE_MS);
  };
  for (const emitter of emitters) emitter.on('error', check);
}

// The worker runs `double`; the client sends jobs one by one.
async function runWorker(url: string): Promise<void> {
  const worker = new Worker(QUEUE, async (job) => job.data.x * 2,
    { connection: connectionOf(url) });
  exitWhenBrokerGone(url, 'worker', [worker]);
  await worker.waitUntilReady();
  process.send?.('ready');
}

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

// ── Main side ──────────────────────────────────────────────────────
export interface Ending {
  code: number | null;
  error: string;
}

export interface Result {
  doneBeforeStop: number;
  client: Ending;
  worker: Ending;
}

// A child's exit code and the line it sent before exiting.
function ending(group: WorkerProcesses): Promise<Ending> {
  const child = group.children[0]!;
  let error = '';
  child.on('message', (m: { error?: string }) => (error = m.error ?? error));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, error })));
}

export async function main(): Promise<Result> {
  // Always a server of our own: we are about to stop it.
  const redis = await startRedis({ own: true });
  const me = new URL(import.meta.url);
  const worker = await startWorkers(me, 1, [redis.url, 'worker']);
  const client = await startWorkers(me, 1, [redis.url, 'client']);
  const endings = [ending(client), ending(worker)] as const;
  try {
    // Let the client finish a few jobs, then pull the plug.
    const doneBeforeStop = await new Promise<number>((resolve) => {
      client.children[0]?.on('message', (m: { done?: number }) => {
        if ((m.done ?? 0) >= STOP_AFTER) resolve(m.done ?? 0);
      });
    });
    await redis.close();
    console.log(`client saw ${STOP_AFTER}+ jobs done; Redis stopped`);
    const [c, w] = await Promise.all(endings);
    for (const [who, e] of [['client', c], ['worker', w]] as const) {
      const said = e.error.includes('lost the broker') ? 'lost the broker'
        : 'said nothing';
      console.log(`${who} exited with code ${e.code} (${said})`);
    }
    return { doneBeforeStop, client: c, worker: w };
  } finally {
    await Promise.all([client.stop(1_000), worker.stop(1_000)]);
    await redis.close();
  }
}

if (isWorkerProcess()) {
  const [url = '', role = ''] = workerArgs();
  await (role === 'client' ? runClient(url) : runWorker(url));
} else if (isEntry(import.meta.url)) await main();

// Output:
// client saw 5+ jobs done; Redis stopped
// client exited with code 1 (lost the broker)
// worker exited with code 1 (lost the broker)
