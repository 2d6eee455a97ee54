/**
 * Plumbing shared by the debugger recipes (not a recipe itself): a
 * Chrome DevTools Protocol client over any text channel, pdb's `p` in a
 * paused frame of our own thread, the place in
 * the code V8 runs where a breakpoint goes, a program started under
 * the inspector, and a knock on its port.
 *
 * CDP is JSON: a request carries a number `id` and gets one reply with
 * the same `id`; anything without an `id` is an event. The channel may
 * be a WebSocket (remote-debugger) or a worker's inspector session,
 * reached through `NodeWorker.sendMessageToWorker` (worker-targets).
 */
import { spawn } from 'node:child_process';
import type { Session } from 'node:inspector';
import { connect } from 'node:net';
import { TSX_EXEC_ARGV } from '@cookbook/shared';

// A command's parameters, or an event's: plain JSON objects.
export type Params = Record<string, unknown>;

// What a client offers: send a command, feed it what the channel says.
export interface CdpClient {
  /** Sends one command; resolves with its reply's `result`. */
  send<T = Params>(method: string, params?: Params): Promise<T>;
  /** Feeds one message that arrived on the channel. */
  receive(text: string): void;
}

// Numbered requests, replies matched by id, the rest handed on as events.
export function cdpClient(
  post: (text: string) => void,
  onEvent: (method: string, params: Params) => void,
): CdpClient {
  let nextId = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  return {
    send: <T>(method: string, params: Params = {}) =>
      new Promise<T>((resolve) => {
        const id = ++nextId;
        waiting.set(id, resolve as (result: unknown) => void);
        post(JSON.stringify({ id, method, params }));
      }),
    receive(text) {
      const msg = JSON.parse(text) as { id?: number; method?: string;
        params?: Params; result?: unknown };
      if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
      else onEvent(msg.method ?? '', msg.params ?? {});
    },
  };
}

// pdb's `p` on a session of our own thread: evaluates `expression` in
// the paused frame and returns its value as a number (NaN if it is not
// one). Such a session replies at once, even while the thread is paused,
// so the callback has run by the time `post` returns.
export function evaluateInFrame(session: Session, callFrameId: string,
  expression: string): number {
  let value = NaN;
  session.post('Debugger.evaluateOnCallFrame',
    { callFrameId, expression, returnByValue: true },
    (_, reply) => (value = Number(reply.result.value)));
  return value;
}

// V8 runs the code tsx compiled, not our source, so a breakpoint's line
// and column are found in the script V8 holds: where `pattern` first
// matches. (A regex with backslashes never matches its own text.)
export function locate(source: string, pattern: RegExp):
  { lineNumber: number; columnNumber: number } | undefined {
  const at = source.search(pattern);
  if (at < 0) return undefined;
  const before = source.slice(0, at).split('\n');
  return { lineNumber: before.length - 1,
    columnNumber: before.at(-1)!.length };
}

// True when nothing listens on the port any more: a refused connection
// is the proof that no inspector was left open.
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(false)));
    probe.once('error', () => resolve(true));
  });
}

// Starts a TypeScript program with its inspector on a free loopback port.
// `url` is the WebSocket address Node prints on stderr, given once the
// program has also printed `ready` (so that it waits for the debugger).
export function startInspected(program: URL, ready: string) {
  const child = spawn(process.execPath, [...TSX_EXEC_ARGV,
    '--inspect=127.0.0.1:0', program.pathname,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      err += text;
      const found = /Debugger listening on (ws:\/\/\S+)/.exec(err);
      if (found && err.includes(ready)) resolve(found[1]!);
    });
    child.once('exit', () => reject(new Error(`no inspector: ${err}`)));
  });
  return { child, url };
}
