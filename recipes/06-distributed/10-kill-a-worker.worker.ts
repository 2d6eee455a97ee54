/**
 * The worker processes of distributed/kill-a-worker: each serves the
 * queue with the recipe's short lock and frequent stalled-job check. The
 * doomed one tells the parent which job it holds, then hangs in it until
 * the parent's SIGKILL.
 */
import { Worker } from 'bullmq';
import { connectionOf } from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, serveUntilStopped, workerArgs,
} from '@cookbook/shared/services/worker-processes';
import {
  KILL_AT, LOCK_MS, QUEUE, STALLED_CHECK_MS, type Done,
} from './10-kill-a-worker.ts';

// The doomed worker tells the parent which job it holds, then hangs.
async function serve(url: string, doomed: boolean): Promise<void> {
  let started = 0;
  const worker = new Worker<{ x: number }, Done>(QUEUE, async (job) => {
    if (doomed && ++started === KILL_AT) {
      process.send?.({ holding: job.id });
      await new Promise(() => {}); // never returns: SIGKILL is coming
    }
    return { value: job.data.x * job.data.x, pid: process.pid };
  }, { connection: connectionOf(url), lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS });
  await worker.waitUntilReady();
  serveUntilStopped(worker);
}

if (isWorkerProcess()) {
  const [url = '', role = ''] = workerArgs();
  await serve(url, role === 'doomed');
}
