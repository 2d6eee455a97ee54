import { threadId } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { JOBS, main, SIZE } from './10-serial-threads-processes.ts';

test('serial, threads and processes each run the ten jobs in full',
  async () => {
    const { serial, threads, processes } = await main();
    for (const run of [serial, threads, processes]) {
      expect(run.jobs.map((j) => j.length)).toEqual(Array(JOBS).fill(SIZE));
    }
    // Serial work stays on this thread of this process.
    expect(new Set(serial.jobs.map((j) => j.pid))).toEqual(
      new Set([process.pid]));
    // Threads: other threads of this process.
    expect(threads.jobs.every((j) => j.pid === process.pid)).toBe(true);
    expect(threads.jobs.map((j) => j.threadId)).not.toContain(threadId);
    // Processes: more than one child, none of them us.
    const pids = new Set(processes.jobs.map((j) => j.pid));
    expect(pids.size).toBeGreaterThan(1);
    expect(pids.has(process.pid)).toBe(false);
  }, 90_000);
