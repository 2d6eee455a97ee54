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
 * WARNING: an inspector port runs any code that anyone who reaches it
 * sends, as the debugged process's user. Bind it to 127.0.0.1 only (the
 * default; never `--inspect=0.0.0.0` on a network you share) and reach
 * a remote machine through an SSH tunnel, not an open port.
 *
 * The book's `rpdb.Rpdb().set_trace()` stops the program at import and
 * serves pdb on 127.0.0.1:4444 for telnet. Node's `--inspect=127.0.0.1:0`
 * serves the DevTools protocol over a WebSocket on a free port, and
 * `inspector.waitForDebugger()` is the stop at import. We start the
 * book's ten-thread program that way, attach from this process with the
 * `ws` package (Node 20's own WebSocket needs a flag that a test runner
 * cannot pass), set a breakpoint in the loop and read `i` at each stop.
 */
import { spawn } from 'node:child_process';
import inspector from 'node:inspector';
import { connect } from 'node:net';
import { isMainThread, parentPort } from 'node:worker_threads';
import WebSocket from 'ws';
import {
  exited,
  isEntry,
  join,
  nextMessage,
  spawnWorker,
  TSX_EXEC_ARGV,
  workerInput,
} from '@cookbook/shared';

// The book's thread count.
const THREADS = 10;

// ── The debugged program (a child process) ─────────────────────────
// The book's threads, started and joined one at a time.
function startThread(i: number) {
  return spawnWorker(new URL(import.meta.url), i);
}

async function debuggee(): Promise<void> {
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
}

// ── The debugger (this process) ────────────────────────────────────
// Starts the program with its inspector on a free loopback port and
// reads the WebSocket address Node prints on stderr.
function startDebuggee() {
  const child = spawn(process.execPath, [...TSX_EXEC_ARGV,
    '--inspect=127.0.0.1:0', new URL(import.meta.url).pathname, 'debuggee',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      err += text;
      const found = /Debugger listening on (ws:\/\/\S+)/.exec(err);
      if (found && err.includes('waiting for a debugger')) resolve(found[1]!);
    });
    child.once('exit', () => reject(new Error(`no inspector: ${err}`)));
  });
  return { child, url };
}

// Speaks CDP over the socket: numbered requests, replies by id, events.
type Params = Record<string, unknown>;

function cdp(socket: WebSocket, onEvent: (m: string, p: Params) => void) {
  let nextId = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number;
      method?: string; params?: Params; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
    else onEvent(msg.method ?? '', msg.params ?? {});
  });
  return <T>(method: string, params = {}) => new Promise<T>((resolve) => {
    const id = ++nextId;
    waiting.set(id, resolve as (result: unknown) => void);
    socket.send(JSON.stringify({ id, method, params }));
  });
}

// True when nothing listens on the port any more: a refused connection
// is the proof that no inspector was left open.
function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(false)));
    probe.once('error', () => resolve(true));
  });
}

// What the debugger saw, what the program printed, and whether the
// port was shut afterwards.
export interface Result {
  port: number;
  stopsAt: number[];
  printed: string[];
  exitCode: number | null;
  portClosedAfter: boolean;
}

export async function main(): Promise<Result> {
  // The program's own output is kept whole and split at the end, since
  // a pipe may cut a chunk in the middle of a line.
  const { child, url } = startDebuggee();
  let output = '';
  let socket: WebSocket | undefined;
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  try {
    // The second process (us) attaches: a plain WebSocket to the URL
    // that the program printed, as Chrome DevTools would open it.
    const address = await url;
    const port = Number(new URL(address).port);
    socket = new WebSocket(address);
    await new Promise((resolve) => socket?.once('open', resolve));

    // Every stop: read `i` in the paused frame, then continue.
    const stopsAt: number[] = [];
    let found: (scriptId: string) => void = () => {};
    const ourScript = new Promise<string>((resolve) => (found = resolve));
    const send = cdp(socket, (method, params) => {
      if (method === 'Debugger.scriptParsed' &&
        String(params['url']).endsWith('03-remote-debugger.ts')) {
        found(String(params['scriptId']));
      }
      if (method !== 'Debugger.paused') return;
      const frame = (params['callFrames'] as { callFrameId: string }[])[0]!;
      void send<{ result: { value: number } }>(
        'Debugger.evaluateOnCallFrame',
        { callFrameId: frame.callFrameId, expression: 'i' },
      ).then(({ result }) => stopsAt.push(result.value))
        .then(() => send('Debugger.resume'));
    });

    // Break where the loop starts a thread: found in the code V8 runs.
    // (Scripts are announced as events, after the reply to `enable`.)
    await send('Debugger.enable');
    const scriptId = await ourScript;
    const { scriptSource } = await send<{ scriptSource: string }>(
      'Debugger.getScriptSource', { scriptId });
    const lines = scriptSource
      .slice(0, scriptSource.search(/startThread\(i\);/)).split('\n');
    await send('Debugger.setBreakpoint', { location: { scriptId,
      lineNumber: lines.length - 1, columnNumber: lines.at(-1)!.length } });
    await send('Runtime.runIfWaitingForDebugger');

    // The program closes its inspector at the end, and exits. We then
    // knock on the port: nothing may answer.
    const { code } = await exited(child);
    const printed = output.trim().split('\n');
    const portClosedAfter = await portClosed(port);
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

if (!isMainThread) {
  const i = workerInput<number>();
  parentPort?.postMessage(`my_func called by thread N°${i}`);
} else if (process.argv[2] === 'debuggee') await debuggee();
else if (isEntry(import.meta.url)) await main();

// Output:
// attached to ws://127.0.0.1:{*} (a free port)
// stopped in the loop at i = 0 1 2 3 4 5 6 7 8 9
// the program printed 10 lines, the last: my_func called by thread N°9
// exit code 0; port closed afterwards: true
