/**
 * Test data for threads/data-between-threads and the benches that use
 * its echo worker: a payload with known bytes, and a cheap fingerprint.
 */
import type { Method } from './35-data-between-threads.ts';

/** Bytes i*7 mod 256, last byte 0; over shared memory for 'shared'. */
export function makePayload(size: number, method: Method): Uint8Array {
  const memory =
    method === 'shared' ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  const bytes = new Uint8Array(memory);
  for (let i = 0; i < size - 1; i++) bytes[i] = (7 * i) & 0xff;
  return bytes;
}

// A cheap fingerprint of a reply: enough to catch a wrong or torn copy.
export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (Math.imul(sum, 31) + b) >>> 0;
  return sum;
}
