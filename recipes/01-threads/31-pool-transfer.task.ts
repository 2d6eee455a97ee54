/**
 * The worker side of threads/pool-transfer: look at a buffer, or change
 * it and move it back.
 */
import { move } from 'piscina';

/** A cheap order-sensitive checksum, the same on both sides. */
export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) {
    sum = (Math.imul(sum, 31) + bytes[i]!) >>> 0;
  }
  return sum;
}

export interface Seen {
  byteLength: number;
  checksum: number;
}

// The default task only reads what arrived, copied or moved.
export default function inspect(bytes: Uint8Array): Seen {
  return { byteLength: bytes.byteLength, checksum: checksum(bytes) };
}

// We keep a reference to the last buffer we sent home, to show later
// that the worker's own handle on it is empty.
let sentHome: Uint8Array | undefined;

// Inverts every byte in place and moves the buffer back: `move()` marks
// the return value so piscina puts its buffer in the transfer list.
export function invert(bytes: Uint8Array): unknown {
  for (let i = 0; i < bytes.length; i++) bytes[i] = 255 - bytes[i]!;
  sentHome = bytes;
  return move(bytes);
}

export function sentHomeLength(): number {
  return sentHome?.byteLength ?? -1;
}
