/**
 * Interacting with a debugger: a breakpoint in a loop, and a post-mortem
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Interacting with pdb
 * @python  Chapter09/pdb/pdb_test.py Chapter09/pdb/postmortem.py
 * @covers  X2
 * @run     npm run recipe -- testing-debugging/pdb
 * @see     testing-debugging/worker-targets — the same protocol per thread
 *
 * The book runs `Pdb_test(10).go()` under pdb, stops inside the loop and
 * types commands, then calls `pdb.pm()` after a crash. Node's debugger
 * speaks the Chrome DevTools Protocol, and `node:inspector` gives a
 * program a session on its own V8: we script the session instead of
 * typing, so a test can check what the debugger saw. A session on the
 * same thread answers synchronously, even while that thread is paused.
 */
import { Session } from 'node:inspector';
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, join, spawnWorker } from '@cookbook/shared';

// The book's counter, and which iterations our breakpoint stops at.
const COUNTER = 10;
const CONDITION = 'j % 3 === 0';
// The iteration at which the post-mortem program fails.
const FAIL_AT = 7;

// The book's class. The print line is where the breakpoint goes; `say`
// lets the crashing copy stay quiet.
class PdbTest {
  counter: number;
  constructor(parameter: number) {
    this.counter = parameter;
  }

  go(failAt = Infinity, say = console.log): void {
    for (let j = 0; j < this.counter; j++) {
      if (j === failAt) throw new RangeError(`no step ${j}`);
      say(`---> ${j}`);
    }
  }
}

// What one stop looked like: the function and the variables we read.
export interface Stop {
  functionName: string;
  j: number;
  counter: number;
}

// Evaluates an expression in a paused frame (pdb's `p j`).
function read(session: Session, callFrameId: string, expr: string): unknown {
  let value: unknown;
  session.post('Debugger.evaluateOnCallFrame',
    { callFrameId, expression: expr, returnByValue: true },
    (error, reply) => {
      if (error) throw error;
      value = reply.result.value;
    });
  return value; // set already: same-thread replies are synchronous
}

// Every paused frame becomes a Stop; then we resume (pdb's `c`).
function recordStops(session: Session, stops: Stop[]): void {
  session.on('Debugger.paused', ({ params }) => {
    const frame = params.callFrames[0]!;
    const id = frame.callFrameId;
    stops.push({ functionName: frame.functionName,
      j: Number(read(session, id, 'j')),
      counter: Number(read(session, id, 'this.counter')) });
    session.post('Debugger.resume');
  });
}

// V8 runs the code tsx compiled (squeezed onto one line), not our
// source, so we find the print call in the script V8 holds and break at
// its line and column. (The regex text holds backslashes, so it never
// matches itself.)
function breakInLoop(session: Session): void {
  const scripts: string[] = [];
  session.on('Debugger.scriptParsed', ({ params }) => {
    if (params.url.includes('02-pdb')) scripts.push(params.scriptId);
  });
  session.post('Debugger.enable'); // replays every script parsed so far
  for (const scriptId of scripts) {
    session.post('Debugger.getScriptSource', { scriptId }, (_, reply) => {
      const source = reply.scriptSource;
      const at = source.search(/say\(`---> /);
      if (at < 0) return;
      const before = source.slice(0, at).split('\n');
      const lineNumber = before.length - 1;
      const columnNumber = before[lineNumber]!.length;
      session.post('Debugger.setBreakpoint', { condition: CONDITION,
        location: { scriptId, lineNumber, columnNumber } });
    });
  }
}

// ── Worker side: the post-mortem ───────────────────────────────────
// A crash would end the test run with it, so the failing program runs
// in a worker. Its own session pauses on the uncaught exception (what
// `pdb.pm()` inspects after the fact), reads the frame, and lets it die.
function crashUnderDebugger(): void {
  const session = new Session();
  session.connect();
  session.on('Debugger.paused', ({ params }) => {
    const id = params.callFrames[0]!.callFrameId;
    parentPort?.postMessage({ reason: params.reason,
      error: (params.data as { description?: string }).description
        ?.split('\n')[0],
      j: read(session, id, 'j'), counter: read(session, id, 'this.counter'),
    });
    session.post('Debugger.resume');
  });
  session.post('Debugger.enable');
  session.post('Debugger.setPauseOnExceptions', { state: 'uncaught' });
  // A timer callback has no caller to catch for it: truly uncaught.
  setTimeout(() => new PdbTest(COUNTER).go(FAIL_AT, () => {}));
}

// ── Main side ──────────────────────────────────────────────────────
export interface PostMortem {
  reason: string;
  error: string;
  j: number;
  counter: number;
}

export interface Result {
  stops: Stop[];
  postMortem: PostMortem;
  workerError: string;
}

export async function main(): Promise<Result> {
  // Run the book's loop with a conditional breakpoint on its print.
  const session = new Session();
  session.connect();
  const stops: Stop[] = [];
  recordStops(session, stops);
  breakInLoop(session);
  new PdbTest(COUNTER).go();
  session.disconnect();
  for (const s of stops) {
    console.log(`(debugger) stopped in ${s.functionName}(): ` +
      `j = ${s.j}, this.counter = ${s.counter}`);
  }

  // The post-mortem: the worker posts its report, then dies. Its error
  // and its message travel on different channels, so we keep every
  // message and look once the worker is gone.
  const worker = spawnWorker(new URL(import.meta.url));
  const reports: PostMortem[] = [];
  worker.on('message', (report: PostMortem) => reports.push(report));
  const workerError = await join(worker).then(() => 'none',
    (error: Error) => error.message);
  const postMortem = reports[0];
  if (!postMortem) throw new Error('the debugger never saw the crash');
  console.log(`post-mortem: paused on ${postMortem.reason} ` +
    `"${postMortem.error}" with j = ${postMortem.j}`);
  console.log(`the worker then died with: ${workerError}`);
  return { stops, postMortem, workerError };
}

if (!isMainThread) crashUnderDebugger();
else if (isEntry(import.meta.url)) await main();

// Output:
// ---> 0
// ---> 1
// ---> 2
// ---> 3
// ---> 4
// ---> 5
// ---> 6
// ---> 7
// ---> 8
// ---> 9
// (debugger) stopped in go(): j = 0, this.counter = 10
// (debugger) stopped in go(): j = 3, this.counter = 10
// (debugger) stopped in go(): j = 6, this.counter = 10
// (debugger) stopped in go(): j = 9, this.counter = 10
// post-mortem: paused on exception "RangeError: no step 7" with j = 7
// the worker then died with: no step 7
