/**
 * Named threads, one process ID
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Defining a thread subclass
 * @python  Chapter02/Thread_name_and_processes.py
 * @covers  T4
 * @run     npm run recipe -- threads/thread-process-id
 * @see     threads/thread-subclass, threads/current-thread
 *
 * The 2nd edition's second subclass file gives two threads names and has
 * each print "ID of process running <name>" (the process ID itself sits
 * in a comment there), then prints "End". Threads live inside one
 * process, so every thread sees the same ID; what tells them apart is
 * the thread. On Node the same holds for workers: `process.pid` is the
 * one process, `threadId` numbers the worker. We print both.
 */
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import { isEntry, Thread, workerInput } from '@cookbook/shared';

// ── The subclass ───────────────────────────────────────────────────
// Its run() reports its name, the process ID and its thread ID.
interface Args {
  name: string;
}

// What each thread reports back.
export interface Report {
  name: string;
  pid: number;
  threadId: number;
}

// The subclass names its own file, so the worker can rebuild it.
class MyThreadClass extends Thread<Args> {
  protected readonly module = new URL(import.meta.url);

  // Each worker reports once: process.pid is shared, threadId is not.
  override run(): void {
    const report: Report = { name: this.args.name, pid: process.pid,
      threadId };
    parentPort?.postMessage(report);
  }
}

// ── Main side ──────────────────────────────────────────────────────
// The book starts both, then joins both; we print each report in the
// order of the names, so the output does not depend on who ran first.
export interface Result {
  mainPid: number;
  reports: Report[];
}

// We start two named threads and compare the IDs they report.
export async function main(): Promise<Result> {
  // Constructing a thread only stores its name; nothing runs yet.
  const threads = ['Thread#1', 'Thread#2'].map((name) =>
    new MyThreadClass({ name }));
  const reports: Report[] = [];
  // start() spawns each worker, and join() waits for it to exit.
  for (const t of threads) t.start((r) => reports.push(r as Report));
  for (const t of threads) await t.join();
  // We sort by name, so the output does not depend on who ran first.
  reports.sort((a, b) => a.name.localeCompare(b.name));
  for (const { name, pid, threadId: id } of reports) {
    console.log(`ID of process running ${name}: ${pid} (threadId ${id})`);
  }
  // Every worker's pid should match main's: one process, many threads.
  const one = reports.every((r) => r.pid === process.pid);
  console.log(`one process for both, the main one: ${one}`);
  // The book's last line, printed once both threads have finished.
  console.log('End');
  return { mainPid: process.pid, reports };
}

// In a worker we rebuild the thread and run it; as entry, main().
if (!isMainThread) new MyThreadClass(workerInput<Args>()).run();
else if (isEntry(import.meta.url)) await main();

// Output:
// ID of process running Thread#1: {*} (threadId {*})
// ID of process running Thread#2: {*} (threadId {*})
// one process for both, the main one: true
// End
