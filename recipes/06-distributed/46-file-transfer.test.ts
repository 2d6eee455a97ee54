import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFileServer } from './46-file-transfer.server.ts';
import { main, receiveFile } from './46-file-transfer.ts';

test('files of any size arrive whole, checksum verified', async () => {
  const { transfers, peakBuffered } = await main();
  expect(transfers.map((t) => [t.name, t.bytes, t.sameHash])).toEqual([
    ['mytext.txt', 8, true],
    ['big.bin', 8 * 1024 * 1024, true],
  ]);
  for (const t of transfers) expect(t.bytes).toBe(t.size);
  // Backpressure: the server never queued more than a small part of the
  // 8 MB file in the socket's buffer.
  expect(peakBuffered).toBeLessThan(1024 * 1024);
});

test('an unknown file is one clear error, and the server goes on',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'file-transfer-test-'));
    const { server, port } = await startFileServer(dir);
    try {
      await expect(receiveFile(port, '../etc/passwd', join(dir, 'x')))
        .rejects.toThrow('../etc/passwd: no such file');
      await expect(receiveFile(port, 'nope', join(dir, 'y')))
        .rejects.toThrow('nope: no such file');
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
