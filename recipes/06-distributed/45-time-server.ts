/**
 * A TCP time server and its client
 *
 * @book    2e ch. 6 "Distributed Python" › Using the Python socket module
 * @python  Chapter06/socket/server.py, client.py
 * @covers  D13
 * @run     npm run recipe -- distributed/time-server
 * @see     distributed/file-transfer
 *
 * The book's server binds port 9999 on `socket.gethostname()`, listens
 * with a backlog of 5, and for each connection sends `time.ctime()` plus
 * "\r\n" and closes. The client reads once with `recv(1024)`. Node's
 * `node:net` is the same socket API turned inside out: the server gets a
 * callback per connection, the client gets 'data' events. We bind
 * 127.0.0.1 on a free port (a hostname can resolve to a public
 * interface), and the client reads until the server closes: TCP is a
 * byte stream, and one read is not promised to hold the whole message.
 */
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { isEntry } from '@cookbook/shared';

// How many clients ask for the time (the book runs its client once).
const CLIENTS = 2;

// Python's time.ctime(): "Sun Nov  1 09:05:03 2026" (day padded).
export function ctime(date = new Date()): string {
  // The English day and month names, from Date's own toString().
  const [day, month] = [date.toString().slice(0, 3),
    date.toString().slice(4, 7)];
  // The clock's fields are zero-padded; the day of the month is not.
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day} ${month} ${String(date.getDate()).padStart(2)} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:` +
    `${pad(date.getSeconds())} ${date.getFullYear()}`;
}

// The server: for each connection, print who it is, send the time, close.
export async function startTimeServer() {
  const server = createServer((socket) => {
    // The book prints the client's address and port as a tuple.
    console.log(`Connected with[addr],[port]('${socket.remoteAddress}', ` +
      `${socket.remotePort})`);
    // end() sends the time and closes our side: the client's signal.
    socket.end(`${ctime()}\r\n`, 'ascii');
  });
  // Loopback only, on a free port; backlog 5 is the book's listen(5).
  server.listen({ host: '127.0.0.1', port: 0, backlog: 5 });
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

// The client: connect, collect bytes until the server ends the stream.
export async function askTime(port: number): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  // A reply can arrive in pieces: we keep them all until the end.
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('ascii').trimEnd();
}

// The test checks each reply is a ctime string of the current time.
export interface Result {
  times: string[];
}

// The book's server and client scripts, run together in one process.
export async function main(): Promise<Result> {
  const { server, port } = await startTimeServer();
  try {
    // Clients one after another, as if the book's client ran twice.
    const times: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const time = await askTime(port);
      // The book's client prints what it got, as it got it.
      console.log(`Time connection server:${time}`);
      times.push(time);
    }
    return { times };
  } finally {
    // `close` stops accepting; no connection is left open by then.
    server.close();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// Connected with[addr],[port]('127.0.0.1', {*})
// Time connection server:{*}
// Connected with[addr],[port]('127.0.0.1', {*})
// Time connection server:{*}
