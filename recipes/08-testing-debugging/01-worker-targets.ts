/**
 * Debugging a program with worker threads: one inspector target each
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Debugging using
 *          Winpdb Reborn
 * @python  Chapter09/winpdb_reborn_code_example.py
 * @covers  X1
 * @run     npm run recipe -- testing-debugging/worker-targets
 * @see     testing-debugging/pdb — the same protocol on one thread
 *
 * The book steps through three `MyThreadClass` threads in the Winpdb GUI:
 * Python threads share one interpreter, so one debugger sees them all.
 * Each Node worker has its own V8 and so its own inspector *target*.
 * Chrome DevTools lists them under "Node.js worker"; here the main
 * thread's own session turns on the `NodeWorker` domain, which attaches
 * to every worker as it starts and holds it until we say "run" (this
 * works from an in-process `node:inspector` session on Node 20.20, so
 * no port is opened). A `debugger;` statement in the worker is the
 * breakpoint (Python's `breakpoint()`): with no debugger, a no-op.
 */
import { Session } from 'node:inspector/promises';
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  isEntry,
  joinAll,
  randomInts,
  spawnWorker,
  workerInput,
} from '@cookbook/shared';

// The book's three threads sleep randint(1, 10) seconds; we draw the
// same range from a fixed seed and sleep that many tenths of a second.
const NAMES = ['Thread#1', 'Thread#2', 'Thread#3'];
const DURATIONS = randomInts(NAMES.length, 9, 2019).map((d) => d + 1);

// ── Worker side ────────────────────────────────────────────────────
// The book's class. `run` pauses at `debugger;` when a debugger holds
// this worker, then sleeps (a worker may block: it has no UI to freeze).
class MyThreadClass {
  name: string;
  duration: number;
  constructor(name: string, duration: number) {
    this.name = name;
    this.duration = duration;
  }

  run(): void {
    parentPort?.postMessage(`---> ${this.name} running, ` +
      `belonging to process ID ${process.pid}`);
    debugger; // the breakpoint: a no-op unless a debugger is attached
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, this.duration * 100);
    parentPort?.postMessage(`---> ${this.name} over`);
  }
}

// ── Main side: the debugger ────────────────────────────────────────
// What the debugger saw in one worker, read from its paused frame.
export interface Seen {
  target: string;
  functionName: string;
  name: string;
  duration: number;
}

// One CDP command to one worker. Messages to a worker travel as JSON
// text inside `NodeWorker.sendMessageToWorker`; replies come back, by
// id, in `NodeWorker.receivedMessageFromWorker` events.
type Reply = { id?: number; method?: string; params?: unknown;
  result?: { result?: { value?: unknown } } };

function debugWorkers(session: Session, seen: Seen[]): void {
  let nextId = 0;
  const waiting = new Map<number, (reply: Reply) => void>();
  const titles = new Map<string, string>();
  const send = (sessionId: string, method: string, params = {}) =>
    new Promise<Reply>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      const message = JSON.stringify({ id, method, params });
      void session.post('NodeWorker.sendMessageToWorker',
        { sessionId, message });
    });

  // A new worker: turn on its debugger, then let it start.
  session.on('NodeWorker.attachedToWorker', ({ params }) => {
    titles.set(params.sessionId, params.workerInfo.title);
    void send(params.sessionId, 'Debugger.enable').then(() =>
      send(params.sessionId, 'Runtime.runIfWaitingForDebugger'));
  });

  // A reply goes to whoever waits for it; a pause is read, then resumed.
  session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
    const reply = JSON.parse(params.message) as Reply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
    if (reply.method !== 'Debugger.paused') return;
    const { sessionId } = params;
    const paused = reply.params as { reason: string; callFrames: {
      callFrameId: string; functionName: string }[] };
    const frame = paused.callFrames[0]!;
    // Node also stops a held worker at its first line ("Break on start",
    // as `--inspect-brk` does); we just let it go on from there.
    if (paused.reason === 'Break on start') {
      void send(sessionId, 'Debugger.resume');
      return;
    }
    const read = async (expression: string) => (await send(sessionId,
      'Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId,
        expression, returnByValue: true })).result?.result?.value;
    void (async () => {
      seen.push({ target: titles.get(sessionId) ?? '?',
        functionName: frame.functionName,
        name: String(await read('this.name')),
        duration: Number(await read('this.duration')) });
      await send(sessionId, 'Debugger.resume');
    })();
  });
}

export interface Result {
  seen: Seen[];
  printed: string[];
}

export async function main(): Promise<Result> {
  // Attach to every worker from its first instruction on.
  const session = new Session();
  session.connect();
  const seen: Seen[] = [];
  debugWorkers(session, seen);
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: true });

  // The book's program: start three threads, then join them.
  const printed: string[] = [];
  const workers = NAMES.map((name, i) => spawnWorker(
    new URL(import.meta.url), [name, DURATIONS[i]], { name }));
  for (const w of workers) w.on('message', (l: string) => printed.push(l));
  await joinAll(workers);
  await session.post('NodeWorker.disable');
  session.disconnect();

  // Targets attach in any order, so we print them sorted by name.
  seen.sort((a, b) => a.name.localeCompare(b.name));
  console.log(`the debugger attached to ${seen.length} worker targets:`);
  for (const s of seen) {
    console.log(`  ${s.name}: paused in ${s.functionName}(), ` +
      `duration = ${s.duration}`);
  }
  console.log(`${printed.length} lines printed by the threads, then End`);
  return { seen, printed };
}

if (!isMainThread) {
  const [name, duration] = workerInput<[string, number]>();
  new MyThreadClass(name, duration).run();
} else if (isEntry(import.meta.url)) await main();

// Output:
// the debugger attached to 3 worker targets:
//   Thread#1: paused in run(), duration = 10
//   Thread#2: paused in run(), duration = 10
//   Thread#3: paused in run(), duration = 7
// 6 lines printed by the threads, then End
