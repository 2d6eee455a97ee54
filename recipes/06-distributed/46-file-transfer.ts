/**
 * TCP file transfer of any size, checked end to end
 *
 * @book    2e ch. 6 "Distributed Python" › Using the Python socket module
 * @python  Chapter06/socket/server2.py, client2.py
 * @covers  D14
 * @run     npm run recipe -- distributed/file-transfer
 * @see     distributed/time-server
 *
 * The book's server sends `mytext.txt` in 1 KB reads but closes the file
 * and the connection *inside* its send loop, so only files <= 1 KB
 * arrive whole, and its "->Thank you for connecting" lands in the
 * client's received.txt: both fixed here. A "<size> <sha256>" line goes
 * first, and the client checks both at the end. Backpressure: each side
 * waits for 'drain' when a buffer is full, so none holds a whole file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEntry } from '@cookbook/shared';

// The book's 8-byte file, and a larger one that the book could not send.
const FILES: [string, Buffer][] = [
  ['mytext.txt', Buffer.from('hello!!!')],
  ['big.bin', randomBytes(8 * 1024 * 1024)],
];

// The checksum is streamed too: a file is never read whole.
async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

// The server reads "HelloServer! <name>\n", answers "<size> <sha256>\n"
// and the bytes, and ends the connection only after the last byte.
export async function startFileServer(dir: string) {
  const peak = { buffered: 0 };
  const server = createServer(async (socket) => {
    socket.on('error', () => socket.destroy());
    try {
      const [greeting] = await once(socket, 'data') as [Buffer];
      // Only a plain name inside `dir`: no "../" tricks.
      const name = greeting.toString().trim().split(' ')[1] ?? '';
      const path = join(dir, name.replace(/[/\\]/g, ''));
      socket.write(`${(await stat(path)).size} ${await sha256(path)}\n`);
      for await (const chunk of createReadStream(path)) {
        if (!socket.write(chunk)) await once(socket, 'drain');
        peak.buffered = Math.max(peak.buffered, socket.writableLength);
      }
      socket.end();
    } catch {
      socket.end('ERR no such file\n');
    }
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return { server, peak, port: (server.address() as AddressInfo).port };
}

// The client reports bytes written, the size announced, hashes equal.
export interface Received { bytes: number; size: number; sameHash: boolean }
export async function receiveFile(port: number, name: string,
  target: string): Promise<Received> {
  // The book's greeting, now naming the file we want.
  const socket = connect(port, '127.0.0.1');
  socket.write(`HelloServer! ${name}\n`);
  const out = createWriteStream(target);
  const hash = createHash('sha256');
  let header = '';
  for await (let chunk of socket as AsyncIterable<Buffer>) {
    // Everything up to the first newline is the header line.
    if (!header.endsWith('\n')) {
      const end = chunk.indexOf(10) + 1 || chunk.length; // all, if no \n
      header += chunk.subarray(0, end);
      chunk = chunk.subarray(end);
    }
    // The rest is file data: hash it, and let the file's 'drain' pace
    // the reading when the disk is slower than the network.
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  // Only after the file is closed do we compare size and checksum.
  await once(out.end(), 'close');
  const [size, digest] = header.trim().split(' ');
  if (size === 'ERR') throw new Error(`${name}: ${header.slice(4).trim()}`);
  const sameHash = digest === hash.digest('hex');
  return { bytes: out.bytesWritten, size: Number(size), sameHash };
}

// The test checks every transfer and the server's buffer peak.
type Transfer = Received & { name: string };
export interface Result { transfers: Transfer[]; peakBuffered: number }

export async function main(): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), 'file-transfer-'));
  const { server, peak, port } = await startFileServer(dir);
  try {
    console.log('Server listening....');
    // Each file is written to the server's folder, then fetched.
    const transfers = [];
    for (const [name, content] of FILES) {
      await writeFile(join(dir, name), content);
      const got = await receiveFile(port, name, join(dir, `received-${name}`));
      console.log(`${name}: ${got.size} bytes sent, ${got.bytes} received, ` +
        `checksum ${got.sameHash ? 'ok' : 'WRONG'}`);
      transfers.push({ name, ...got });
    }
    console.log('connection closed');
    return { transfers, peakBuffered: peak.buffered };
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// Server listening....
// mytext.txt: 8 bytes sent, 8 received, checksum ok
// big.bin: 8388608 bytes sent, 8388608 received, checksum ok
// connection closed
