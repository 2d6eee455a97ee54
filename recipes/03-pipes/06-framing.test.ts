import { expect, test } from 'vitest';
import { decoder, encode, main, SIZES } from './06-framing.ts';

test('a 16 MB message arrives in many chunks and is rebuilt whole',
  async () => {
    const { chunks, frames, sent } = await main();
    expect(frames).toEqual(sent);
    expect(frames.map((f) => f[0])).toEqual(SIZES);
    expect(chunks).toBeGreaterThan(SIZES.length);
  }, 60_000);

test('the minimal decoder: glued frames, and frames split byte by byte',
  () => {
    const wire = Buffer.concat([...encode(Buffer.from('ab')),
      ...encode(Buffer.alloc(0)), ...encode(Buffer.from('xyz'))]);
    for (const step of [1, 2, wire.length]) {
      const got: string[] = [];
      const push = decoder((f) => got.push(f.toString()));
      for (let i = 0; i < wire.length; i += step) {
        push(wire.subarray(i, i + step));
      }
      expect(got).toEqual(['ab', '', 'xyz']);
    }
  });
