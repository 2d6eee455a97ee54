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
 * Without a *broker* it is the same: BullMQ's Redis client reconnects
 * for ever, so a job that will never finish is awaited for ever. Here a
 * client process sends jobs to a worker process (both in
 * 12-broker-down.worker.ts), and halfway through we stop Redis. Each
 * watches its queue objects' 'error' events: if the broker stays away
 * past a short grace, it prints one line and exits 1, so a supervisor
 * (systemd, k8s, our test) sees the failure instead of a silent hang.
 */
import type { EventEmitter } from 'node:events';
import { isEntry } from '@cookbook/shared';
import {
  connectionOf, ping, startRedis,
} from '@cookbook/shared/services/redis';
import {
  startWorkers, type WorkerProcesses,
} from '@cookbook/shared/services/worker-processes';

// The queue, how long the broker may be away, and how many jobs the
// client sees done before we stop Redis.
export const QUEUE = 'fragile';
const GRACE_MS = 1_500;
const STOP_AFTER = 5;
const CHILD = new URL('./12-broker-down.worker.ts', import.meta.url);

// Any 'error' (Redis refused, connection reset) starts one timer; when
// it fires we ping the broker ourselves, and only give up if it is
// still not there.
export function exitWhenBrokerGone(url: string, who: string,
  emitters: EventEmitter[]): void {
  const { host, port } = connectionOf(url);
  let pending: NodeJS.Timeout | undefined;
  const check = (error: Error) => {
    // Errors come in bursts (every reconnect fails): one timer for all.
    pending ??= setTimeout(async () => {
      pending = undefined;
      if (await ping(port, host)) return; // it came back: carry on
      // One line for people (stderr), one message for the parent, and
      // an exit code for whatever supervises us.
      const line = `${who}: lost the broker at ${url} (${error.message})`;
      console.error(line);
      process.send?.({ error: line });
      process.exit(1);
    }, GRACE_MS);
  };
  // Without an 'error' listener Node would crash on the first error;
  // with one, BullMQ's reconnect loop would hide the outage for ever.
  for (const emitter of emitters) emitter.on('error', check);
}

// How each child ended: its exit code, and the line it sent first.
export type Ending = { code: number | null; error: string };

// The test checks that both children ended with code 1 and one line.
export interface Result { doneBeforeStop: number; client: Ending;
  worker: Ending }

// A child's exit code and the line it sent before exiting.
function ending(group: WorkerProcesses): Promise<Ending> {
  const child = group.children[0]!;
  // The last error line wins; a child that says nothing leaves ''.
  let error = '';
  child.on('message', (m: { error?: string }) => (error = m.error ?? error));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, error })));
}

// Start the children on our own Redis, then stop Redis under them.
// The parent never waits without bound: a client that dies first, or a
// child that neither finishes nor exits, fails the run with one line.
function bounded<T>(wait: Promise<T>, dies: Promise<Ending> | undefined,
  what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const fail = (why: string) => new Error(`broker-down: no ${what}: ${why}`);
  return Promise.race([wait,
    ...(dies ? [dies.then((e): never => {
      throw fail(`client exited first (code ${e.code}) ${e.error}`);
    })] : []),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(fail(`${ms / 1000} s passed`)), ms);
    })]).finally(() => clearTimeout(timer));
}

export async function main(): Promise<Result> {
  // Always a server of our own: we are about to stop it.
  const redis = await startRedis({ own: true });
  const worker = await startWorkers(CHILD, 1, [redis.url, 'worker']);
  const client = await startWorkers(CHILD, 1, [redis.url, 'client']);
  const endings = [ending(client), ending(worker)] as const;
  try {
    // Let the client finish a few jobs, then pull the plug.
    const doneBeforeStop = await bounded(new Promise<number>((resolve) => {
      client.children[0]?.on('message', (m: { done?: number }) => {
        if ((m.done ?? 0) >= STOP_AFTER) resolve(m.done ?? 0);
      });
    }), endings[0], `${STOP_AFTER} jobs done`);
    // Now both children see errors; we wait for each to exit.
    await redis.close();
    console.log(`client saw ${STOP_AFTER}+ jobs done; Redis stopped`);
    // A hang here would be the bug this recipe guards against.
    const [c, w] = await bounded(Promise.all(endings), undefined,
      'both children gone after the broker stopped');
    for (const [who, e] of [['client', c], ['worker', w]] as const) {
      const said = e.error.includes('lost the broker') ? 'lost the broker'
        : 'said nothing';
      console.log(`${who} exited with code ${e.code} (${said})`);
    }
    return { doneBeforeStop, client: c, worker: w };
  } finally {
    // On any failure above, stop the children and the server anyway.
    await Promise.all([client.stop(1_000), worker.stop(1_000)]);
    await redis.close();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// client saw 5+ jobs done; Redis stopped
// client exited with code 1 (lost the broker)
// worker exited with code 1 (lost the broker)
