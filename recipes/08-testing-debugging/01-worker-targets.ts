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
 * Each Node worker has its own V8 and so its own inspector *target*
 * (DevTools lists them under "Node.js worker"). The main thread's own
 * `node:inspector` session turns on the `NodeWorker` domain, which
 * attaches to every worker as it starts and holds it until we say "run"
 * (no port is opened). The book's class is in 01-worker-targets.task.ts:
 * its `debugger;` statement is the breakpoint (Python's `breakpoint()`),
 * a no-op when no debugger is attached.
 */
import { Session } from 'node:inspector/promises';
import { isEntry, joinAll, randomInts, spawnWorker } from '@cookbook/shared';
import { type CdpClient, cdpClient } from './cdp.ts';

// The book's three threads sleep randint(1, 10) seconds; we draw the
// same range from a fixed seed and sleep that many tenths of a second.
const NAMES = ['Thread#1', 'Thread#2', 'Thread#3'];
const DURATIONS = randomInts(NAMES.length, 9, 2019).map((d) => d + 1);
const TASK = new URL('./01-worker-targets.task.ts', import.meta.url);

// What the debugger saw in one worker, read from its paused frame.
export type Seen = { target: string; functionName: string; name: string;
  duration: number };

// The parts of CDP's pause event and evaluate reply that we read.
type Paused = { reason: string;
  callFrames: { callFrameId: string; functionName: string }[] };
type Evaluated = { result: { value?: unknown } };

// Messages to a worker's inspector travel as JSON text inside
// `NodeWorker.sendMessageToWorker`; replies and events come back in
// `NodeWorker.receivedMessageFromWorker`. One CDP client per worker
// (cdp.ts) matches the replies to the requests.
function debugWorkers(session: Session, seen: Seen[]): void {
  const clients = new Map<string, CdpClient>();
  // Whatever a worker's inspector says goes to that worker's client.
  session.on('NodeWorker.receivedMessageFromWorker', ({ params }) =>
    clients.get(params.sessionId)?.receive(params.message));

  // A new worker: a client for it, its debugger on, then "run".
  session.on('NodeWorker.attachedToWorker', ({ params }) => {
    const { sessionId, workerInfo } = params;
    const cdp = cdpClient((message) => void session.post(
      'NodeWorker.sendMessageToWorker', { sessionId, message }),
    (method, event) => {
      if (method === 'Debugger.paused') void onPause(event as Paused);
    });
    clients.set(sessionId, cdp);
    void cdp.send('Debugger.enable')
      .then(() => cdp.send('Runtime.runIfWaitingForDebugger'));

    // A pause: read the frame (this.name, this.duration), then resume.
    // Node also stops a held worker at its first line ("Break on start",
    // as `--inspect-brk` does); that one we just resume.
    async function onPause({ reason, callFrames }: Paused): Promise<void> {
      const { callFrameId, functionName } = callFrames[0]!;
      const read = async (expression: string) => (await cdp.send<Evaluated>(
        'Debugger.evaluateOnCallFrame',
        { callFrameId, expression, returnByValue: true })).result.value;
      if (reason !== 'Break on start') {
        seen.push({ target: workerInfo.title, functionName,
          name: String(await read('this.name')),
          duration: Number(await read('this.duration')) });
      }
      await cdp.send('Debugger.resume');
    }
  });
}

// What the debugger saw, and what the threads printed meanwhile.
export type Result = { seen: Seen[]; printed: string[] };

export async function main(): Promise<Result> {
  // Attach to every worker from its first instruction on.
  const session = new Session();
  session.connect();
  const seen: Seen[] = [];
  debugWorkers(session, seen);
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: true });

  // The book's program: start three threads, then join them.
  const printed: string[] = [];
  const workers = NAMES.map((name, i) =>
    spawnWorker(TASK, [name, DURATIONS[i]], { name }));
  for (const w of workers) w.on('message', (l: string) => printed.push(l));
  await joinAll(workers);
  // Stop attaching to new workers, and detach.
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

// Run as a script (not imported by the test): debug the three threads.
if (isEntry(import.meta.url)) await main();

// Output:
// the debugger attached to 3 worker targets:
//   Thread#1: paused in run(), duration = 10
//   Thread#2: paused in run(), duration = 10
//   Thread#3: paused in run(), duration = 7
// 6 lines printed by the threads, then End
