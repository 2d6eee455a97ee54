/**
 * The debugged program of testing-debugging/remote-debugger (not a
 * recipe itself): the book's rpdb_code_example.py, ten threads started
 * and joined one at a time, which waits for a debugger before it runs.
 * Start it with `--inspect=127.0.0.1:0`; the recipe is the debugger.
 */
import inspector from 'node:inspector';
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  join,
  nextMessage,
  spawnWorker,
  workerInput,
} from '@cookbook/shared';

// The book's thread count.
const THREADS = 10;

// One book thread; the debugger breaks on the call to this function.
function startThread(i: number) {
  return spawnWorker(new URL(import.meta.url), i);
}

if (isMainThread) {
  // rpdb's set_trace(): say so, then block until a client says "run".
  // (A "run" sent before this call is lost, so the client waits for the
  // line.)
  console.error('waiting for a debugger');
  inspector.waitForDebugger();
  for (let i = 0; i < THREADS; i++) {
    const worker = startThread(i);
    console.log(await nextMessage<string>(worker));
    await join(worker);
  }
  inspector.close(); // let the client go and shut the port
} else {
  const i = workerInput<number>();
  parentPort?.postMessage(`my_func called by thread N°${i}`);
}
