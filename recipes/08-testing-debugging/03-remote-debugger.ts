/**
 * Remote debugging over TCP: a second process attaches to the inspector
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Implementing rpdb
 *          for debugging
 * @python  Chapter09/rpdb_code_example.py
 * @covers  X3
 * @run     npm run recipe -- testing-debugging/remote-debugger
 * @needs   network
 * @timeout 90000
 * @see     testing-debugging/pdb — the same commands, in process
 *
 * WARNING: an inspector port runs any code its clients send. Bind it to
 * 127.0.0.1 only (never `--inspect=0.0.0.0` on a shared network) and
 * reach a remote machine through an SSH tunnel, not an open port.
 *
 * The book's `rpdb.Rpdb().set_trace()` stops the program and serves pdb
 * on 127.0.0.1:4444 for telnet. Node's `inspector.waitForDebugger()` is
 * the stop (03-remote-debugger.program.ts, the book's program) and
 * `--inspect=127.0.0.1:0` serves the DevTools protocol on a free port.
 * This file is the debugger: it attaches over a WebSocket (`ws`: Node
 * 20's own needs a flag), breaks in the loop and reads `i` at each stop.
 */
import WebSocket from 'ws';
import { exited, isEntry } from '@cookbook/shared';
import { cdpClient, locate, portClosed, startInspected } from './cdp.ts';

// The program to debug, and where to break in it: the loop's call.
const PROGRAM = new URL('./03-remote-debugger.program.ts', import.meta.url);
const BREAK_AT = /startThread\(i\);/;

// What the debugger saw, what the program printed, and the port after.
export interface Result {
  port: number;
  stopsAt: number[];
  printed: string[];
  exitCode: number | null;
  portClosedAfter: boolean;
}

export async function main(): Promise<Result> {
  // Start the program with its inspector on a free loopback port; `url`
  // is the WebSocket address Node prints once the program waits for us.
  // Its output is kept whole, split at the end: a pipe may cut a line.
  const { child, url } = startInspected(PROGRAM, 'waiting for a debugger');
  let output = '';
  // Declared out here so that `finally` can close it.
  let socket: WebSocket | undefined;
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  try {
    // The second process (us) attaches: a plain WebSocket to the URL
    // that the program printed, as Chrome DevTools would open it.
    const address = await url;
    const port = Number(new URL(address).port);
    const ws = socket = new WebSocket(address);
    await new Promise((resolve) => ws.once('open', resolve));

    // The client: requests out on the socket, events to this handler.
    const stopsAt: number[] = [];
    let found: (scriptId: string) => void = () => {};
    const ourScript = new Promise<string>((resolve) => (found = resolve));
    const cdp = cdpClient((text) => ws.send(text), (method, params) => {
      // V8 announces each script it loads; ours is the program's file.
      if (method === 'Debugger.scriptParsed' &&
        String(params['url']).endsWith(PROGRAM.pathname)) {
        found(String(params['scriptId']));
      }
      // A pause: read `i` in the top frame (pdb's `p i`), then resume
      // (pdb's `c`).
      if (method !== 'Debugger.paused') return;
      const frame = (params['callFrames'] as { callFrameId: string }[])[0]!;
      void cdp.send<{ result: { value: number } }>(
        'Debugger.evaluateOnCallFrame',
        { callFrameId: frame.callFrameId, expression: 'i' },
      ).then(({ result }) => stopsAt.push(result.value))
        .then(() => cdp.send('Debugger.resume'));
    });
    // Replies and events all arrive as messages on the socket.
    ws.on('message', (data) => cdp.receive(String(data)));

    // Break where the loop starts a thread, found in the code V8 runs.
    // (Scripts are announced as events, after the reply to `enable`.)
    await cdp.send('Debugger.enable');
    const scriptId = await ourScript;
    const { scriptSource } = await cdp.send<{ scriptSource: string }>(
      'Debugger.getScriptSource', { scriptId });
    await cdp.send('Debugger.setBreakpoint',
      { location: { scriptId, ...locate(scriptSource, BREAK_AT) } });
    await cdp.send('Runtime.runIfWaitingForDebugger');

    // The program closes its inspector and exits; then nothing may
    // answer a knock on the port.
    const { code } = await exited(child);
    const printed = output.trim().split('\n');
    const portClosedAfter = await portClosed(port);
    // What the debugger saw, and what the program did meanwhile.
    console.log(`attached to ws://127.0.0.1:${port} (a free port)`);
    console.log(`stopped in the loop at i = ${stopsAt.join(' ')}`);
    console.log(`the program printed ${printed.length} lines, the last: ` +
      `${printed.at(-1)}`);
    console.log(`exit code ${code}; port closed afterwards: ` +
      `${portClosedAfter}`);
    return { port, stopsAt, printed, exitCode: code, portClosedAfter };
  } finally {
    // Whatever happened, neither the socket nor the program outlives us.
    socket?.terminate();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

// Run as a script (not imported by the test): debug the program.
if (isEntry(import.meta.url)) await main();

// Output:
// attached to ws://127.0.0.1:{*} (a free port)
// stopped in the loop at i = 0 1 2 3 4 5 6 7 8 9
// the program printed 10 lines, the last: my_func called by thread N°9
// exit code 0; port closed afterwards: true
