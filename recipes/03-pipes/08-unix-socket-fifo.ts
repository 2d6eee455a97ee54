/**
 * Unix domain sockets and named pipes (FIFOs) between processes
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (beyond the book: pipes and sockets with a name)
 * @covers  none
 * @run     npm run recipe -- pipes/unix-socket-fifo
 * @needs   posix
 * @timeout 60000
 * @see     pipes/channels, processes/manager
 *
 * `multiprocessing.Pipe` connects a parent to the children it starts.
 * Processes that are not related need a channel with a *name*.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync }
  from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// A Unix domain socket is a duplex stream at a path (`multiprocessing`'s
// managers and listeners use one); Node speaks it with `net`, as it does
// TCP. The server answers one connection with its text in capitals.
async function upperServer(socketPath: string): Promise<void> {
  const server = net.createServer((socket) => {
    // `end` sends the reply and closes: one request per connection.
    socket.on('data', (d) => socket.end(d.toString().toUpperCase()));
    socket.on('close', () => server.close());
  });
  // Tell main the path is ready, then let go of the IPC channel.
  server.listen(socketPath);
  await once(server, 'listening');
  process.send!('listening', () => process.disconnect());
}

// A named pipe (FIFO, made by `mkfifo`) is one-way, and opening it blocks
// until the other side opens it too. The writer sends the squares of
// 0..4 through the FIFO, by its name.
async function fifoWriter(fifoPath: string): Promise<void> {
  const out = createWriteStream(fifoPath); // opens once a reader does
  out.end([0, 1, 2, 3, 4].map((n) => n * n).join(' ') + '\n');
  await once(out, 'finish');
}

// Reading a FIFO by name waits for a writer, and ends when it closes.
async function readAll(fifoPath: string): Promise<string> {
  let text = '';
  for await (const chunk of createReadStream(fifoPath)) text += chunk;
  return text.trim();
}

// What we got on each road, and what kind of file each one is.
export interface Result {
  reply: string;
  socketIsFile: boolean;
  isFifo: boolean;
  fromChild: string;
  fromShell: string;
}

// Both roads leave a file behind, so they live in a fresh folder that
// is removed whatever happens.
export async function main(): Promise<Result> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cookbook-fifo-'));
  try {
    // A Unix socket: the child listens at a path, we connect to it.
    const socketPath = path.join(dir, 'upper.sock');
    const server = forkRole(import.meta.url, 'server', [socketPath]);
    await once(server, 'message');
    // The socket is a file in the folder, and a client needs only its path.
    const socketIsFile = statSync(socketPath).isSocket();
    const socket = net.connect(socketPath).end('ping');
    // The reply ends when the server closes its side of the connection.
    let reply = '';
    for await (const chunk of socket) reply += chunk;
    await exited(server);
    console.log(`unix socket: sent 'ping', got '${reply}' ` +
      `(a socket file in the folder: ${socketIsFile})`);

    // A FIFO: one writer at a time, then the reader sees end-of-file.
    const fifoPath = path.join(dir, 'numbers.fifo');
    // Node has no mkfifo call, so we run the system's command.
    execFileSync('mkfifo', [fifoPath]);
    const isFifo = statSync(fifoPath).isFIFO();
    // Writer and reader find the FIFO by its name, not by an inherited fd.
    const writer = forkRole(import.meta.url, 'fifo-writer', [fifoPath]);
    const fromChild = await readAll(fifoPath);
    await exited(writer);
    console.log(`fifo (a FIFO file: ${isFifo}) from a Node child: ` +
      fromChild);

    // Any program can open it by name: here, a shell.
    const shell = spawn('sh', ['-c', `echo hello from sh > "${fifoPath}"`]);
    const fromShell = await readAll(fifoPath);
    await exited(shell);
    console.log(`fifo from a shell: ${fromShell}`);
    return { reply, socketIsFile, isFifo, fromChild, fromShell };
  } finally {
    // The folder goes, with both files in it, whatever happened.
    rmSync(dir, { recursive: true, force: true });
  }
}

// The children run this file in their roles; otherwise we are main.
const role = childRole(import.meta.url);
if (role === 'server') await upperServer(childArgs()[0]!);
else if (role === 'fifo-writer') await fifoWriter(childArgs()[0]!);
else if (isEntry(import.meta.url)) await main();

// Output:
// unix socket: sent 'ping', got 'PING' (a socket file in the folder: true)
// fifo (a FIFO file: true) from a Node child: 0 1 4 9 16
// fifo from a shell: hello from sh
