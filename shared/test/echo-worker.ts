// A tiny worker for the helper tests: it doubles its input and posts it.
import { parentPort } from 'node:worker_threads';
import { workerInput } from '../src/workers.ts';

const input = workerInput<{ n: number }>();
if (input.n < 0) throw new Error('negative input');
parentPort?.postMessage(input.n * 2);
