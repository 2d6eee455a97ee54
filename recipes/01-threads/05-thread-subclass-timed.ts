/**
 * A thread subclass that prints the time: two threads, two paces
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › How to use a thread in a
 *          subclass
 * @covers  T4
 * @run     npm run recipe -- threads/thread-subclass-timed
 * @see     threads/thread-subclass — the 2nd edition's nine threads
 *
 * The 1st edition's `myThread(threadID, name, counter)` overrides
 * `run()` to print "Starting", then five "Thread-N: <time>" lines with
 * `counter` seconds between them (1 s for Thread-1, 2 s for Thread-2),
 * then "Exiting"; main joins both and prints "Exiting Main Thread". We
 * keep the shape at a tenth of the pace, on the `Thread` base class of
 * shared/src/thread.ts. (The book's exit-flag branch calls Python 2's
 * `thread.exit()`, dead code there; we leave it out.)
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { blockingSleep, isEntry, Thread, workerInput } from '@cookbook/shared';

// The book's two threads and their pace, scaled from s to 100 ms.
const THREADS = [{ name: 'Thread-1', delayMs: 100 },
  { name: 'Thread-2', delayMs: 200 }];
// Each thread prints this many time lines, as in the book.
const LINES = 5;

// ── The subclass ───────────────────────────────────────────────────
// Its arguments cross to the worker, so they are plain data.
interface Args {
  name: string;
  delayMs: number;
}

// Each line a thread prints, with the moment it was made.
export interface Line {
  name: string;
  text: string;
  at: number; // Date.now() when the line was made
}

// The subclass names its own file, so the worker can rebuild it.
class MyThread extends Thread<Args> {
  protected readonly module = new URL(import.meta.url);

  // The book's print_time: sleep, print the time, LINES times.
  override run(): void {
    const { name, delayMs } = this.args;
    // We post each line to main, which prints it and keeps it for tests.
    const say = (text: string): void =>
      parentPort?.postMessage({ name, text, at: Date.now() } satisfies Line);
    say(`Starting ${name}`);
    // blockingSleep is time.sleep: fine on a worker, never on main.
    for (let i = 0; i < LINES; i++) {
      blockingSleep(delayMs);
      say(`${name}: ${new Date().toTimeString().slice(0, 8)}`);
    }
    // Then we sign off, as the book's run() does after print_time.
    say(`Exiting ${name}`);
  }
}

// ── Main side ──────────────────────────────────────────────────────
// main() returns every line so the tests can check the two paces.
export interface Result {
  lines: Line[];
}

// Start both, print their lines as they come, join both.
export async function main(): Promise<Result> {
  const lines: Line[] = [];
  // Constructing a thread only stores its args; nothing runs yet.
  const threads = THREADS.map((args) => new MyThread(args));
  // start() spawns a worker and hands its messages to our callback.
  for (const thread of threads) {
    thread.start((message) => {
      const line = message as Line;
      lines.push(line);
      console.log(line.text);
    });
  }
  // join() returns a Promise, so we await it instead of blocking main.
  for (const thread of threads) await thread.join();
  console.log('Exiting Main Thread');
  return { lines };
}

// In a worker we rebuild the thread and run it; as entry, main().
if (!isMainThread) new MyThread(workerInput<Args>()).run();
else if (isEntry(import.meta.url)) await main();

// The two threads' lines interleave; the times are the clock's.
// Unordered output:
// Starting Thread-1
// Starting Thread-2
// Thread-1: {*}
// Thread-1: {*}
// Thread-1: {*}
// Thread-1: {*}
// Thread-1: {*}
// Thread-2: {*}
// Thread-2: {*}
// Thread-2: {*}
// Thread-2: {*}
// Thread-2: {*}
// Exiting Thread-1
// Exiting Thread-2
// Exiting Main Thread
