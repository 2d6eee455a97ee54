// A worker, pool task and child that fail on a known line, so the tests
// can check that stack traces name this `.ts` file (through the bundle's
// source map) and not the cached JavaScript.
import { isWorkerEntry } from '../src/workers.ts';

export const FAIL_LINE = 9;
export default function fail(reason: string): never {
  const where: string = `failed on purpose: ${reason}`;
  throw new Error(where); // FAIL_LINE
}

// As a spawnWorker entry or a forked child it fails at once; as a
// piscina task file it waits for a task.
if (isWorkerEntry(import.meta.url)) fail('worker');
if (process.argv[2] === 'child') fail('child');
