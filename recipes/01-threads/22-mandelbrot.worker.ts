/**
 * A persistent raw worker for 22-cpu-bound.bench.ts: it stays up between
 * jobs, so start-up is paid once, not per image, and answers each
 * RowJob with how many rows it drew.
 */
import { parentPort } from 'node:worker_threads';
import { renderFromCounter, type RowJob } from './22-mandelbrot.task.ts';

parentPort?.on('message', (job: RowJob) => {
  parentPort?.postMessage(renderFromCounter(job));
});
