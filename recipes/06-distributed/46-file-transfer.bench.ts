/**
 * FileTransfer: loopback TCP throughput of the recipe's server and client,
 * `npm run bench -- distributed/file-transfer`.
 *
 * Results are per MB (1 MB / time = MB/s). Each run sends one file of
 * SIZE MB through `startFileServer` / `receiveFile`, which hash both ends
 * and write the received copy to disk; the baseline copies the same file
 * on disk with `copyFile` (no socket, no hashing), the floor for
 * "bytes from one file into another". Every run checks size and
 * checksum and throws on a mismatch.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smokeSize, suite } from '@cookbook/bench';
import { startFileServer } from './46-file-transfer.server.ts';
import { receiveFile } from './46-file-transfer.ts';

const SIZES_MB = [1, 16, smokeSize(256, 2)];
const BLOCK = randomBytes(1024 * 1024);

let dir = '';
let server: Server | undefined;
let port = 0;

// Files of 1 MB blocks (random, so nothing compresses).
async function makeFile(mb: number): Promise<void> {
  const out = createWriteStream(join(dir, `${mb}MB.bin`));
  for (let i = 0; i < mb; i++) {
    if (!out.write(BLOCK)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function start(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'bench-file-transfer-'));
  for (const mb of SIZES_MB) await makeFile(mb);
  ({ server, port } = await startFileServer(dir));
}

async function stop(): Promise<void> {
  server?.close();
  await rm(dir, { recursive: true, force: true });
}

async function transfer(mb: number): Promise<true> {
  const got = await receiveFile(port, `${mb}MB.bin`, join(dir, 'in.bin'));
  if (!got.sameHash || got.bytes !== mb * BLOCK.length) {
    throw new Error(`${mb} MB: got ${got.bytes} bytes, hash ${got.sameHash}`);
  }
  return true;
}

async function copy(mb: number): Promise<true> {
  await copyFile(join(dir, `${mb}MB.bin`), join(dir, 'copy.bin'));
  return true;
}

const bench = suite('FileTransfer', { runs: 5, before: start, after: stop,
  meta: { op: 'MB', sizes: SIZES_MB.join(',') } })
  .add('impl=copyFile/size=16MB', () => copy(16), { ops: 16 });
for (const mb of SIZES_MB) {
  bench.add(`impl=tcp/size=${mb}MB`, () => transfer(mb), { ops: mb });
}
export default bench;
