/**
 * Run a named function remotely and see its output at the caller
 *
 * @book    1e ch. 5 "Distributed Python" › A remote procedure call with
 *          RPyC
 * @python  (1st edition listing: rpyc.classic.connect, execute,
 *          redirected sys.stdout)
 * @covers  D12
 * @run     npm run recipe -- distributed/remote-run
 * @see     distributed/remote-greeting
 *
 * The book connects to an RPyC *classic* server and runs
 * `execute("print(...)")`: the text appears in the server's console.
 * Then it sets the remote `sys.stdout` to its own, so later remote
 * prints appear at the client. A classic server runs any code anyone
 * sends it: whoever reaches the port owns the machine. We keep the idea
 * and drop the hole. The server runs only *named, exposed* tasks from a
 * fixed table; an unknown name is refused. To stream output back, the
 * client serves a small `Console` object of its own and passes its URI:
 * the server calls it back for each line (Pyro's callback pattern).
 */
import { isEntry } from '@cookbook/shared';
import { Daemon, expose, proxy, RemoteError } from '@cookbook/shared/rpc';

// What a task may do: print lines (wherever they go) and return a value.
type Print = (line: string) => Promise<void>;
type Task = (print: Print, ...args: string[]) => Promise<unknown>;

// The only code the server will run. Nothing from the wire is executed.
const TASKS: Record<string, Task> = {
  // The book's greeting; a countdown shows several lines in order.
  greet: async (print, who = 'world') => {
    await print(`hi ${who}`);
    return who.length;
  },
  countdown: async (print, from = '3') => {
    for (let n = Number(from); n > 0; n--) await print(`${n}...`);
    return 0;
  },
};

// The client's side of the redirect: lines arrive here and are printed.
export class Console {
  readonly lines: string[] = [];
  // Each line the server prints arrives as one remote call.
  write(line: string): void {
    this.lines.push(line);
    console.log(`[client] ${line}`);
  }
}
expose(Console, ['write']);

// The server: with no console URI, output stays on the server.
export class Runner {
  readonly lines: string[] = [];
  async run(name: string, args: string[], consoleUri?: string) {
    // Only a name from TASKS runs (own keys: no "constructor" tricks).
    const task = Object.hasOwn(TASKS, name) ? TASKS[name] : undefined;
    if (!task) {
      // Python callers get a real PermissionError.
      throw RemoteError.python('builtins.PermissionError',
        `no task named '${name}'`);
    }
    console.log(`[server] accepted: ${name}(${args.join(', ')})`);
    // A proxy back to the caller's console, when it gave us one.
    const remote = consoleUri ? proxy<Console>(consoleUri) : undefined;
    // The task's print goes there, or stays on the server.
    const print: Print = async (line) => {
      if (remote) await remote.write(line);
      else { this.lines.push(line); console.log(`[server] ${line}`); }
    };
    // The task runs here; the proxy back is closed when it ends.
    try { return await task(print, ...args); } finally {
      remote?._pyroRelease();
    }
  }
}
expose(Runner, ['run']);

// What the test checks: where each line was printed, and the refusal.
export interface Result {
  serverLines: string[]; clientLines: string[]; refused: string;
}

// Server and client run in one process, each with its own daemon.
export async function main(): Promise<Result> {
  // The book's `rpyc_classic.py` server, as a daemon with one Runner.
  const runner = new Runner();
  const server = await Daemon.start();
  console.log(`[server] started on ${server.location}`);
  const remote = proxy<Runner>(server.register(runner));
  // The client serves its console on a daemon of its own.
  const terminal = new Console();
  const client = await Daemon.start();
  const consoleUri = client.register(terminal);
  try {
    // Like `execute("print(...)")`: the line shows on the server.
    await remote.run('greet', ['python cookbook']);
    // Like `conn.modules.sys.stdout = sys.stdout`: lines come to us.
    await remote.run('greet', ['python cookbook'], consoleUri);
    await remote.run('countdown', ['3'], consoleUri);
    // The book's `execute("import os; ...")` has no place here.
    const refused = await remote.run('exec', ['import os'])
      .then(() => '', (e: Error) => e.message);
    console.log(`[client] refused: ${refused}`);
    return { serverLines: runner.lines, clientLines: terminal.lines, refused };
  } finally {
    // The proxy closes and both daemons stop, even after a failure.
    remote._pyroRelease();
    await client.close();
    await server.close();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// [server] started on 127.0.0.1:{*}
// [server] accepted: greet(python cookbook)
// [server] hi python cookbook
// [server] accepted: greet(python cookbook)
// [client] hi python cookbook
// [server] accepted: countdown(3)
// [client] 3...
// [client] 2...
// [client] 1...
// [client] refused: PermissionError: no task named 'exec'
