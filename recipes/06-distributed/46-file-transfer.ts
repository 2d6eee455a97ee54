/**
 * TCP file transfer of any size, checked end to end
 *
 * @book    2e ch. 6 "Distributed Python" › Using the Python socket module
 * @python  Chapter06/socket/server2.py, client2.py
 * @covers  D14
 * @run     npm run recipe -- distributed/file-transfer
 * @see     distributed/time-server
 *
 * The book's client sends "HelloServer!"; the server sends `mytext.txt`
 * in 1 KB reads, then "->Thank you for connecting", and the client
 * writes everything it receives to `received.txt`. Two book bugs, fixed
 * here: the server closes the file and the connection *inside* its send
 * loop, so only files of at most 1 KB arrive whole; and the thank-you
 * text lands inside the received file (the book's own received.txt
 * reads "hello!!!->Thankyouforconnecting"). We send a header line with
 * the size and SHA-256 first, then the bytes, and the client checks both
 * at the end. Backpressure: the server waits for 'drain' whenever the
 * socket's buffer is full, and the client waits for its file's 'drain',
 * so neither side holds a whole large file in memory.
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

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

// ── Server ─────────────────────────────────────────────────────────
// It reads "HelloServer! <name>\n", answers "<size> <sha256>\n" and the
// bytes, and ends the connection only after the last byte.
export async function startFileServer(dir: string) {
  const gauge = { peakBuffered: 0 };
  const server = createServer(async (socket) => {
    socket.on('error', () => socket.destroy());
    try {
      const [greeting] = await once(socket, 'data') as [Buffer];
      // Only a plain name inside `dir`: no "../" tricks.
      const name = greeting.toString().trim().split(' ')[1] ?? '';
      const path = join(dir, name.replace(/[/\\]/g, ''));
      const { size } = await stat(path);
      socket.write(`${size} ${await sha256(path)}\n`);
      for await (const chunk of createReadStream(path)) {
        if (!socket.write(chunk)) await once(socket, 'drain');
        gauge.peakBuffered = Math.max(gauge.peakBuffered,
          socket.writableLength);
      }
      socket.end();
    } catch {
      socket.end('ERR no such file\n');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, gauge, port: (server.address() as AddressInfo).port };
}

// ── Client ─────────────────────────────────────────────────────────
// What the client reports: bytes received, the size the header
// announced, and whether the SHA-256 of what arrived matches.
export interface Received { bytes: number; size: number; sameHash: boolean }

export async function receiveFile(port: number, name: string,
  target: string): Promise<Received> {
  // The book's greeting, now naming the file we want.
  const socket = connect(port, '127.0.0.1');
  socket.write(`HelloServer! ${name}\n`);
  const out = createWriteStream(target);
  const hash = createHash('sha256');
  let header = '';
  let bytes = 0;
  for await (let chunk of socket as AsyncIterable<Buffer>) {
    // Everything up to the first newline is the header line.
    if (!header.endsWith('\n')) {
      const end = chunk.indexOf(10);
      header += chunk.subarray(0, end < 0 ? chunk.length : end + 1);
      if (end < 0) continue;
      chunk = chunk.subarray(end + 1);
    }
    // The rest is file data: hash it, count it, and let the file's
    // 'drain' pace the reading when the disk is slower than the net.
    hash.update(chunk);
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  // Only after the file is closed do we compare size and checksum.
  out.end();
  await once(out, 'close');
  const [size, digest] = header.trim().split(' ');
  if (size === 'ERR') throw new Error(`${name}: ${header.slice(4).trim()}`);
  return { bytes, size: Number(size), sameHash: digest === hash.digest('hex') };
}

// The test checks every transfer and the server's buffer peak.
export interface Result {
  transfers: (Received & { name: string })[];
  peakBuffered: number;
}

export async function main(): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), 'file-transfer-'));
  const { server, gauge, port } = await startFileServer(dir);
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
    return { transfers, peakBuffered: gauge.peakBuffered };
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
