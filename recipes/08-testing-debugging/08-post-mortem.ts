/**
 * A post-mortem: the debugger looks at the frame that threw
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Interacting with pdb
 * @python  Chapter09/pdb/postmortem.py
 * @covers  X2
 * @run     npm run recipe -- testing-debugging/post-mortem
 * @see     testing-debugging/pdb — the breakpoint half of the same section
 *
 * The book's program crashes, and `pdb.pm()` then opens the frame that
 * raised, with its variables as they were. Node keeps no frame once an
 * exception has unwound it, so the debugger must be there before: an
 * inspector session set to pause on *uncaught* exceptions stops the
 * thread at the throw, with the frame whole, reads it, and lets the
 * crash go on. A crash would end our process (and a test run with it),
 * so the failing program runs in a worker with its own session.
 */
import { Session } from 'node:inspector';
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, join, spawnWorker } from '@cookbook/shared';
import { evaluateInFrame } from './cdp.ts';

// The book's counter, and the iteration at which the program fails.
const COUNTER = 10;
const FAIL_AT = 7;

// The book's class, with a step that cannot be done.
class PdbTest {
  counter: number;
  constructor(parameter: number) {
    this.counter = parameter;
  }
  // The loop fails at FAIL_AT, with `j` and `this.counter` in scope.
  go(): void {
    for (let j = 0; j < this.counter; j++) {
      if (j === FAIL_AT) throw new RangeError(`no step ${j}`);
    }
  }
}

// What the debugger saw at the throw.
export interface PostMortem {
  reason: string;
  error: string;
  j: number;
  counter: number;
}

// ── Worker side: the crashing program under its own debugger ─────────
// Its session pauses on the uncaught exception, reads the frame (a
// same-thread session answers at once, even while paused), reports,
// and resumes: the exception then goes on and kills the worker.
function crashUnderDebugger(): void {
  const session = new Session();
  session.connect();
  session.on('Debugger.paused', ({ params }) => {
    const { callFrameId } = params.callFrames[0]!;
    // pdb's `p`: evaluate an expression in the frame that threw.
    const p = (expression: string): number =>
      evaluateInFrame(session, callFrameId, expression);
    // The exception's first line, and the frame's variables as they were.
    const { description } = params.data as { description?: string };
    const report: PostMortem = { reason: params.reason,
      error: description?.split('\n')[0] ?? '?',
      j: p('j'), counter: p('this.counter') };
    parentPort?.postMessage(report);
    session.post('Debugger.resume');
  });
  // Turn the debugger on, and pause only where nothing catches.
  session.post('Debugger.enable');
  session.post('Debugger.setPauseOnExceptions', { state: 'uncaught' });
  // A timer callback has no caller to catch for it: truly uncaught.
  setTimeout(() => new PdbTest(COUNTER).go());
}

// ── Main side ─────────────────────────────────────────────────────────
// The debugger's report, and the error that ended the worker after it.
export interface Result {
  postMortem: PostMortem;
  workerError: string;
}

export async function main(): Promise<Result> {
  // The worker posts its report, then dies. Its error and its message
  // travel on different channels, so we keep every message and look
  // once the worker is gone.
  const worker = spawnWorker(new URL(import.meta.url));
  const reports: PostMortem[] = [];
  worker.on('message', (report: PostMortem) => reports.push(report));
  const workerError = await join(worker).then(() => 'none',
    (error: Error) => error.message);
  const postMortem = reports[0];
  if (!postMortem) throw new Error('the debugger never saw the crash');

  // The frame as pdb.pm() would show it, then how the program ended.
  console.log(`post-mortem: paused on ${postMortem.reason} ` +
    `"${postMortem.error}" with j = ${postMortem.j}`);
  console.log(`the worker then died with: ${workerError}`);
  return { postMortem, workerError };
}

// In the worker: the crashing program; run as a script: the debugger.
if (!isMainThread) crashUnderDebugger();
else if (isEntry(import.meta.url)) await main();

// Output:
// post-mortem: paused on exception "RangeError: no step 7" with j = 7
// the worker then died with: no step 7
