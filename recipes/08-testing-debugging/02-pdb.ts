/**
 * Interacting with a debugger: a conditional breakpoint in a loop
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Interacting with pdb
 * @python  Chapter09/pdb/pdb_test.py
 * @covers  X2
 * @run     npm run recipe -- testing-debugging/pdb
 * @see     testing-debugging/post-mortem — pdb.pm(), the other half
 * @see     testing-debugging/worker-targets — the same protocol per thread
 *
 * The book runs `Pdb_test(10).go()` under pdb, stops inside the loop and
 * types commands. Node's debugger speaks the Chrome DevTools Protocol,
 * and `node:inspector` gives a program a session on its own V8: we
 * script the session instead of typing, so a test can check what the
 * debugger saw. A session on the same thread answers synchronously,
 * even while that thread is paused.
 */
import { Session } from 'node:inspector';
import { isEntry } from '@cookbook/shared';
import { evaluateInFrame, locate } from './cdp.ts';

// The book's counter, and which iterations our breakpoint stops at
// (a JavaScript expression, evaluated in the frame at each pass).
const COUNTER = 10;
const CONDITION = 'j % 3 === 0';

// The book's class. The print line is where the breakpoint goes.
class PdbTest {
  counter: number;
  constructor(parameter: number) {
    this.counter = parameter;
  }
  // The loop the debugger stops in.
  go(): void {
    for (let j = 0; j < this.counter; j++) {
      console.log(`---> ${j}`);
    }
  }
}

// What one stop looked like: the function and the variables we read.
export type Stop = { functionName: string; j: number; counter: number };

// Every pause: read `j` and `this.counter` in the paused frame (pdb's
// `p`), keep them as a Stop, then resume (pdb's `c`).
function recordStops(session: Session, stops: Stop[]): void {
  session.on('Debugger.paused', ({ params }) => {
    const { callFrameId, functionName } = params.callFrames[0]!;
    // A same-thread session replies at once, even while paused (cdp.ts).
    const p = (expression: string): number =>
      evaluateInFrame(session, callFrameId, expression);
    stops.push({ functionName, j: p('j'), counter: p('this.counter') });
    session.post('Debugger.resume');
  });
}

// pdb's `b` with a condition: on the print call, found in the code V8
// runs (tsx's output, see cdp.ts) in each script of this file.
function breakInLoop(session: Session): void {
  // Enabling the debugger replays every script parsed so far: ours too.
  const scripts: string[] = [];
  session.on('Debugger.scriptParsed', ({ params }) => {
    if (params.url.includes('02-pdb')) scripts.push(params.scriptId);
  });
  session.post('Debugger.enable');
  // The breakpoint goes where the print call is in each of them.
  for (const scriptId of scripts) {
    session.post('Debugger.getScriptSource', { scriptId }, (_, reply) => {
      const at = locate(reply.scriptSource, /console\.log\(`---> /);
      if (at) session.post('Debugger.setBreakpoint',
        { condition: CONDITION, location: { scriptId, ...at } });
    });
  }
}

// Every stop the debugger made, in order.
export type Result = { stops: Stop[] };

export function main(): Result {
  // Attach a session to our own V8, record every stop, set the
  // breakpoint; then run the book's loop under it.
  const session = new Session();
  session.connect();
  const stops: Stop[] = [];
  recordStops(session, stops);
  breakInLoop(session);
  new PdbTest(COUNTER).go();
  // Detaching drops the breakpoint with the session.
  session.disconnect();

  // Each stop, as pdb would answer `p j` and `p self.counter`.
  for (const s of stops) {
    console.log(`(debugger) stopped in ${s.functionName}(): ` +
      `j = ${s.j}, this.counter = ${s.counter}`);
  }
  return { stops };
}

// Run as a script (not imported by the test): debug the loop.
if (isEntry(import.meta.url)) main();

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
