/**
 * The task module the futures tests run in threads and processes: it
 * blocks for `sleepMs` (Atomics.wait, a real blocking sleep off the
 * main thread), then returns `value`, or throws when `fail` is set.
 */
export interface TestJob {
  value: number;
  sleepMs?: number;
  fail?: boolean;
}

const nap = new Int32Array(new SharedArrayBuffer(4));

export default function testTask(job: TestJob): number {
  if (job.sleepMs) Atomics.wait(nap, 0, 0, job.sleepMs);
  if (job.fail) throw new Error(`task ${job.value} failed`);
  return job.value * 10;
}
