import {
  closeSync, mkdtempSync, openSync, rmSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import {
  FrameDecoder,
  frameHeader,
  readFrames,
  readFrameSync,
  writeFrame,
  writeFrameSync,
} from './framing.ts';

const frame = (payload: Buffer): Buffer =>
  Buffer.concat([frameHeader(payload.length), payload]);

test('frames survive any chunking: byte by byte, and glued together', () => {
  const payloads = [Buffer.from('a'), Buffer.alloc(0),
    Buffer.alloc(70_000, 7), Buffer.from('last')];
  const wire = Buffer.concat(payloads.map(frame));
  for (const size of [1, 3, 4, 5, 1000, wire.length]) {
    const decoder = new FrameDecoder();
    const got: Buffer[] = [];
    for (let i = 0; i < wire.length; i += size) {
      got.push(...decoder.push(wire.subarray(i, i + size)));
    }
    expect(got).toEqual(payloads);
    expect(decoder.pending).toBe(0);
  }
});

test('a length above the limit is refused, not allocated', () => {
  const decoder = new FrameDecoder(1024);
  expect(() => decoder.push(frameHeader(0xffff_fff0)))
    .toThrow('frame length 4294967280 exceeds the limit of 1024 bytes');
});

test('readFrames over a stream, and a stream cut inside a frame', async () => {
  const stream = new PassThrough();
  writeFrame(stream, Buffer.from('one'));
  writeFrame(stream, Buffer.from('two'));
  stream.end(frameHeader(10)); // a header promising bytes that never come
  const got: string[] = [];
  await expect((async () => {
    for await (const f of readFrames(stream)) got.push(f.toString());
  })()).rejects.toThrow('stream ended inside a frame (4 bytes)');
  expect(got).toEqual(['one', 'two']);
});

test('writeFrameSync and readFrameSync on a file descriptor', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'framing-'));
  try {
    const file = path.join(dir, 'frames');
    const payloads = [Buffer.from('one'), Buffer.alloc(0),
      Buffer.alloc(200_000, 9)];
    const out = openSync(file, 'w');
    for (const p of payloads) writeFrameSync(out, p);
    closeSync(out);
    const read = (): Array<Buffer | undefined> => {
      const fd = openSync(file, 'r');
      try {
        return [0, 1, 2, 3].map(() => readFrameSync(fd, 1 << 20));
      } finally {
        closeSync(fd);
      }
    };
    // Exactly the frames, then a clean end of file.
    expect(read()).toEqual([...payloads, undefined]);
    // A header promising bytes that never come, and one above the limit.
    writeFileSync(file, Buffer.concat([frameHeader(10), Buffer.from('ab')]));
    expect(read).toThrow('stream ended inside a frame (6 bytes)');
    writeFileSync(file, frameHeader(2 << 20));
    expect(read).toThrow('frame length 2097152 exceeds the limit of ' +
      '1048576 bytes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
