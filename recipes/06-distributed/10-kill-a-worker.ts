/**
 * A worker killed mid-job: stalled-job recovery, nothing lost
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › Celery in
 *          production (beyond the book: what happens when a worker dies)
 * @covers  none
 * @run     npm run recipe -- distributed/kill-a-worker
 * @needs   redis
 * @timeout 180000
 * @see     distributed/rq-job-queue — stopping a worker politely
 *
 * A worker holds a lock on each job it runs and keeps renewing it. When
 * its process dies (here: SIGKILL, no chance to clean up), the lock runs
 * out; another worker's stalled-job check finds the job "active" without
 * a lock and puts it back in the queue for a live worker. We run 1,000
 * jobs on two worker processes (10-kill-a-worker.worker.ts), kill one in
 * the middle of a job, and check that every job completed exactly once
 * with the right result. (RQ and celery-node's Redis broker pop a
 * message and forget it: a crash there loses the task.)
 */
import { Queue, QueueEvents } from 'bullmq';
import { isEntry } from '@cookbook/shared';
import { useRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { startWorkers } from '@cookbook/shared/services/worker-processes';

// A thousand jobs; the doomed worker hangs in its 10th and is killed.
export const QUEUE = 'squares';
const JOBS = 1_000;
export const KILL_AT = 10;
// A short lock and a frequent check make recovery take seconds, not
// the default 30 s.
export const LOCK_MS = 2_000;
export const STALLED_CHECK_MS = 500;
// A job's result: x * x, and the process that computed it.
export type Done = { value: number; pid: number };
const WORKER = new URL('./10-kill-a-worker.worker.ts', import.meta.url);

// ── Client side ────────────────────────────────────────────────────
// What the test checks: every job done once, right, and the victim's
// job recovered from the stalled set and run again by the survivor.
export interface Result {
  completed: number; // distinct jobs completed
  completions: number; // 'completed' events seen (doubles would show)
  wrong: number; // results that are not x * x
  stalled: number; // jobs put back after their worker died
  victimJob: string;
  victimRerunBySurvivor: boolean;
}

// Run every job, kill a worker mid-job, and count what came back.
export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async ({ connection, url }) => {
    // Two worker processes, one of them doomed; the client's queue.
    const [doomed, survivor] = await Promise.all([
      startWorkers(WORKER, 1, [url, 'doomed']),
      startWorkers(WORKER, 1, [url, 'survivor'])]);
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    try {
      // Events sent before we listen are lost, so we listen first.
      await events.waitUntilReady();
      // Every 'completed' event, counted per job id, and every stall.
      const seen = new Map<string, number>();
      let stalled = 0;
      events.on('stalled', () => stalled++);
      const finished = new Promise<void>((allDone) => {
        events.on('completed', ({ jobId }) => {
          seen.set(jobId, (seen.get(jobId) ?? 0) + 1);
          if (seen.size === JOBS) allDone();
        });
      });
      // SIGKILL the doomed worker as soon as it is stuck in its job.
      const victim = new Promise<string>((resolve) => {
        doomed.children[0]?.on('message', (m: { holding?: string }) => {
          if (!m.holding) return;
          doomed.children[0]?.kill('SIGKILL');
          resolve(m.holding);
        });
      });
      // Send all the jobs; wait for the kill, then for every completion.
      await queue.addBulk(Array.from({ length: JOBS }, (_, x) =>
        ({ name: 'square', data: { x } })));
      const victimJob = await victim;
      console.log('killed one worker with SIGKILL in the middle of a job');
      await finished;

      // Check each stored result, and who finally ran the victim's job.
      const jobs = await queue.getCompleted(0, -1);
      const wrong = jobs.filter((j) =>
        (j.returnvalue as Done).value !== j.data.x * j.data.x).length;
      // The victim's job must be among them, run by the survivor.
      const rerun = jobs.find((j) => j.id === victimJob);
      const result: Result = {
        completed: seen.size,
        completions: [...seen.values()].reduce((a, b) => a + b, 0),
        wrong, stalled, victimJob,
        victimRerunBySurvivor:
          (rerun?.returnvalue as Done | undefined)?.pid === survivor.pids[0],
      };
      // Stalls, doubles and wrong answers would all show here.
      console.log(`stalled jobs recovered: ${stalled > 0}`);
      console.log(`${result.completed} of ${JOBS} jobs completed, ` +
        `${result.completions - result.completed} twice, ${wrong} wrong`);
      console.log('the victim job was re-run by the other worker: ' +
        `${result.victimRerunBySurvivor}`);
      return result;
    } finally {
      // Close the client's connections, then stop both workers.
      await Promise.all([events.close(), queue.close()]);
      await Promise.all([doomed.stop(), survivor.stop()]);
    }
  });
}

if (isEntry(import.meta.url)) await main();

// Output:
// killed one worker with SIGKILL in the middle of a job
// stalled jobs recovered: true
// 1000 of 1000 jobs completed, 0 twice, 0 wrong
// the victim job was re-run by the other worker: true
