/**
 * Benchmarks for async/executors: the book's workload (count to N for
 * each item 1..10) sequentially, through the ThreadExecutor (piscina)
 * and through the ProcessExecutor (child processes), each with two
 * workers, beside Python's plain loop, ThreadPoolExecutor and
 * ProcessPoolExecutor running the same loop (peers/python/
 * count_loop.py). Pools start and warm up before the clock. Results are
 * per loop iteration (`ops`), because Python runs a 50x shorter loop:
 * each of its iterations costs ~50x more. Target: both executors >=
 * 1.8x the sequential run on 2 cores.
 */
import { smokeSize, suite } from '@cookbook/bench';
import {
  ProcessExecutor,
  ThreadExecutor,
  type Executor,
} from '@cookbook/shared/futures';
import { countSequential, countWith, ITEMS, TASK } from './01-executors.ts';
import type { Done, Job } from './01-executors.task.ts';

// Ten times the book's loop: ~1 s sequentially here (V8 runs the
// book's size in ~0.1 s). Python's peers loop 2 million times.
const ITERATIONS = smokeSize(100_000_000, 100_000);
const PY_ITERATIONS = 2_000_000;
const WORKERS = 2;

interface Answer {
  iterations: number;
  results: number[];
}

// Every run must return item * iterations for each item, in order.
const answer = (got: unknown): Answer => ({
  iterations: ITERATIONS, results: (got as Done[]).map((d) => d.result),
});
const check = (got: unknown): boolean => {
  const { iterations, results } = got as Answer;
  return results.length === ITEMS.length &&
    results.every((r, i) => r === ITEMS[i]! * iterations);
};

// An executor per variant, warmed by one small job per worker.
function executor(make: () => Executor<Job, Done>) {
  let ex: Executor<Job, Done> | undefined;
  return {
    run: () => countWith(ex!, ITERATIONS),
    options: {
      ops: ITEMS.length * ITERATIONS,
      before: async () => {
        ex = make();
        await Promise.all(Array.from({ length: WORKERS }, () =>
          ex!.submit({ item: 1, iterations: 1 }).result()));
      },
      after: () => ex?.shutdown(),
    },
  };
}

const threads = executor(() =>
  new ThreadExecutor<Job, Done>(TASK, { maxWorkers: WORKERS }));
const processes = executor(() =>
  new ProcessExecutor<Job, Done>(TASK, { maxWorkers: WORKERS }));

const PEER = new URL('../../benchmarks/peers/python/count_loop.py',
  import.meta.url);
const peer = (mode: string) => ({
  script: PEER,
  args: ['--mode', mode, '--workers', String(WORKERS),
    '--iterations', String(PY_ITERATIONS)],
  runs: 3,
  ops: ITEMS.length * PY_ITERATIONS,
});

export default suite('Executors', {
  answer,
  check,
  meta: {
    iterations: ITERATIONS,
    'python-iterations': PY_ITERATIONS,
    op: 'loop-iteration',
    book: '1e 4.2, 10M iterations, 5 workers: sequential 7.94 s, '
      + 'thread pool 7.63 s, process pool 4.79 s',
  },
})
  .add('impl=sequential', () => countSequential(ITERATIONS),
    { ops: ITEMS.length * ITERATIONS })
  .add('impl=thread-executor/workers=2', threads.run, threads.options)
  .add('impl=process-executor/workers=2', processes.run,
    processes.options)
  .peer('peer=python-sequential', peer('sequential'))
  .peer('peer=python-thread-pool/workers=2', peer('threads'))
  .peer('peer=python-process-pool/workers=2', peer('processes'));
