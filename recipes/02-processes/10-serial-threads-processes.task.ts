/**
 * The job of processes/serial-threads-processes, the book's
 * `do_something`: append `count` random floats to a fresh list. The same
 * module is the task of a thread pool (piscina) and of a ProcessPool.
 */
import { threadId } from 'node:worker_threads';

export interface Done {
  length: number;
  pid: number;
  threadId: number;
}

export default function doSomething(count: number): Done {
  const outList: number[] = [];
  for (let i = 0; i < count; i++) outList.push(Math.random());
  return { length: outList.length, pid: process.pid, threadId };
}
