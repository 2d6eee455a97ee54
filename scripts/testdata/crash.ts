// A recipe-shaped fixture whose worker throws: the runner must report it
// in one line, without a stack trace.
import { isMainThread } from 'node:worker_threads';
import { joinAll, spawnWorker } from '@cookbook/shared';

if (!isMainThread) throw new Error('boom in the worker');
else await joinAll([spawnWorker(new URL(import.meta.url))]);
