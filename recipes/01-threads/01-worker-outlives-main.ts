/**
 * A worker that outlives the main program (and a daemon that does not)
 *
 * @book    1e ch. 1 "Getting Started with Parallel Computing and Python" ›
 *          Start working with threads in Python
 * @python  helloPythonWithThreads.py
 * @covers  T1
 * @run     npm run recipe -- threads/worker-outlives-main
 * @see     threads/define-a-thread — starting and joining workers
 *
 * The book starts a thread that prints a message ten times, 2 s apart,
 * and never joins it: main prints "Process Ended" and the thread prints
 * on, as Python waits for non-daemon threads before exiting. Node does
 * the same: a worker keeps the process alive after the main module has
 * finished, unless we `unref()` it, making it a daemon.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  blockingSleep, exited, forkTs, isEntry, spawnWorker, workerInput,
} from '@cookbook/shared';

// The book's 10 messages 2 s apart, shortened to 3 messages 200 ms apart.
export const MESSAGES = 3;
const INTERVAL_MS = 200;
// The daemon's main thread ends once it has seen this many messages.
export const DAEMON_SEES = 2;
export const MESSAGE = 'Hello Parallel Python CookBook!!';

// Shared cells: messages posted so far (read at exit), and a gate the
// worker waits at after message DAEMON_SEES. The daemon run never opens
// it (nor notifies it: one wait is enough), so its worker is surely
// alive when the process ends.
const [PRINTED, GATE] = [0, 1];

// ── Worker side: the book's CookBook thread ────────────────────────
// It posts its lines to main, which prints them, and sleeps in between.
function cookBook(cells: Int32Array): void {
  const say = (line: string): void => parentPort?.postMessage(line);
  say('Thread Starting');
  for (let i = 1; i <= MESSAGES; i++) {
    Atomics.store(cells, PRINTED, i);
    say(`${MESSAGE} (${i})`);
    if (i === DAEMON_SEES) Atomics.wait(cells, GATE, 0);
    blockingSleep(INTERVAL_MS);
  }
  say('Thread Ended');
}

// ── The book's program, run in a child process ────────────────────
// To watch a process end, we run the book's program in a child process
// twice: plain (the gate opens at once), then as a daemon.
type Mode = 'plain' | 'daemon';

async function book(mode: Mode): Promise<void> {
  const cells = new Int32Array(new SharedArrayBuffer(8));
  if (mode === 'plain') Atomics.store(cells, GATE, 1);
  // 'exit' runs as the process ends, whoever is still running then.
  process.on('exit', () => console.log('exit: the worker had printed ' +
    `${Atomics.load(cells, PRINTED)} of ${MESSAGES}`));
  console.log('Process Started');
  const worker = spawnWorker(new URL(import.meta.url), cells);
  worker.on('message', (line: string) => console.log(line));
  if (mode === 'daemon') {
    // We let the worker get going (we wait for its line, as the PRINTED
    // cell runs ahead of the messages), then detach it. The listener
    // comes first: one added after unref() refs the worker again.
    const last = `${MESSAGE} (${DAEMON_SEES})`;
    await new Promise<void>((resolve) => worker.on('message',
      (line: string) => line === last && resolve()));
    // Without unref() this process would now wait forever for a worker
    // stuck at its gate; with it, the process ends and takes it along.
    worker.unref();
  }
  // The book never joins: main just ends here.
  console.log('Process Ended');
}

// ── Main side ──────────────────────────────────────────────────────
// What one run of the book's program printed, and how it exited.
export interface Run { mode: Mode; lines: string[]; exitCode: number | null }

// We start a fresh `node` on this file (forkTs runs a .ts file) with the
// mode as an argument, and collect everything it prints until it exits.
async function runBook(mode: Mode): Promise<Run> {
  const child = forkTs(new URL(import.meta.url), [mode],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const { code } = await exited(child);
  return { mode, lines: out.trimEnd().split('\n'), exitCode: code };
}

// Both runs, each printed under a title once its process has ended.
export interface Result { plain: Run; daemon: Run }
export async function main(): Promise<Result> {
  const show = (title: string, { lines }: Run): void =>
    console.log([title, ...lines].join('\n  '));
  const plain = await runBook('plain');
  show('a plain worker (a Python thread) outlives main:', plain);
  const daemon = await runBook('daemon');
  show('an unref()ed worker (daemon=True) dies with it:', daemon);
  return { plain, daemon };
}

// A worker runs the thread; the child runs the book's program in the
// mode it is given; run bare, this file runs main().
if (!isMainThread) cookBook(workerInput<Int32Array>());
else if (isEntry(import.meta.url)) {
  const mode = process.argv[2];
  if (mode === 'plain' || mode === 'daemon') await book(mode);
  else await main();
}

// Output:
// a plain worker (a Python thread) outlives main:
//   Process Started
//   Process Ended
//   Thread Starting
//   Hello Parallel Python CookBook!! (1)
//   Hello Parallel Python CookBook!! (2)
//   Hello Parallel Python CookBook!! (3)
//   Thread Ended
//   exit: the worker had printed 3 of 3
// an unref()ed worker (daemon=True) dies with it:
//   Process Started
//   Thread Starting
//   Hello Parallel Python CookBook!! (1)
//   Hello Parallel Python CookBook!! (2)
//   Process Ended
//   exit: the worker had printed 2 of 3
