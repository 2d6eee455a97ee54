/**
 * Worker body for wait-group.test.ts. A 'jobs' worker does `jobs`
 * small jobs, each bumping a shared tally and then calling `done()`. A
 * 'waiter' worker blocks in `wait()` and posts the tally it sees when
 * it wakes: all of it, if the group works.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { WaitGroup, type WaitGroupShared } from './wait-group.ts';

export interface WaitGroupStressInput {
  role: 'jobs' | 'waiter';
  group: WaitGroupShared;
  tally: Int32Array;
  jobs: number;
}

if (!isMainThread) {
  const input = workerInput<WaitGroupStressInput>();
  const group = WaitGroup.from(input.group);
  if (input.role === 'jobs') {
    for (let i = 0; i < input.jobs; i++) {
      Atomics.add(input.tally, 0, 1);
      group.done();
    }
  } else {
    const ok = group.wait(10_000);
    parentPort?.postMessage({ ok, tally: Atomics.load(input.tally, 0) });
  }
}
