/**
 * TCP file transfer of any size, checked end to end
 *
 * @book    2e ch. 6 "Distributed Python" › Using the Python socket module
 * @python  Chapter06/socket/server2.py (in 46-file-transfer.server.ts),
 *          client2.py
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
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEntry } from '@cookbook/shared';
import { startFileServer } from './46-file-transfer.server.ts';

// The book's 8-byte file, and a larger one that the book could not send.
const FILES: [string, Buffer][] = [
  ['mytext.txt', Buffer.from('hello!!!')],
  ['big.bin', randomBytes(8 * 1024 * 1024)],
];

// The client reports bytes written, the size announced, hashes equal.
export interface Received { bytes: number; size: number; sameHash: boolean }

// The client greets, parses the header line and streams the rest to disk.
export async function receiveFile(port: number, name: string,
  target: string): Promise<Received> {
  // The book's greeting, now naming the file we want.
  const socket = connect(port, '127.0.0.1');
  socket.write(`HelloServer! ${name}\n`);
  // What arrives is hashed on the way to the target file.
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
  // "ERR ..." instead of a size is the server's one-line error.
  const [size, digest] = header.trim().split(' ');
  if (size === 'ERR') throw new Error(`${name}: ${header.slice(4).trim()}`);
  const sameHash = digest === hash.digest('hex');
  return { bytes: out.bytesWritten, size: Number(size), sameHash };
}

// The test checks every transfer and the server's buffer peak.
type Transfer = Received & { name: string };
export interface Result { transfers: Transfer[]; peakBuffered: number }

// The book's two scripts in one process: a server, then its client.
export async function main(): Promise<Result> {
  // The server (server2.py, in 46-file-transfer.server.ts) answers
  // "HelloServer! <name>" with a "<size> <sha256>" line and the bytes,
  // waits for 'drain' whenever its socket's buffer is full, and ends the
  // connection after the last byte, not inside its send loop.
  const dir = await mkdtemp(join(tmpdir(), 'file-transfer-'));
  const { server, peak, port } = await startFileServer(dir);
  try {
    console.log('Server listening....');
    // Each file is written to the server's folder, then fetched.
    const transfers = [];
    for (const [name, content] of FILES) {
      await writeFile(join(dir, name), content);
      const got = await receiveFile(port, name, join(dir, `received-${name}`));
      // The size the server announced, what arrived, and the checksum.
      console.log(`${name}: ${got.size} bytes sent, ${got.bytes} received, ` +
        `checksum ${got.sameHash ? 'ok' : 'WRONG'}`);
      transfers.push({ name, ...got });
    }
    console.log('connection closed');
    return { transfers, peakBuffered: peak.buffered };
  } finally {
    // The server stops and the folder goes, even after an error.
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
