/**
 * One round trip main -> worker -> main per operation, for payloads of
 * 64 B to 64 MB, by four methods: structured clone (the baseline), a
 * JSON string (base64), transfer, and a SharedArrayBuffer. One suite per
 * size, so each size has its own baseline. BENCH_SMOKE=1 shrinks every
 * payload to at most 64 KB and runs two trips.
 */
import type { Worker } from 'node:worker_threads';
import { isSmoke, smokeSize, suite, type Suite } from '@cookbook/bench';
import {
  type Method,
  METHODS,
  roundTrip,
  startEcho,
} from './35-data-between-threads.ts';
import { makePayload } from './35-data-between-threads.task.ts';

const KB = 1024;
const MB = 1024 * KB;

// [suite suffix, bytes, round trips per timed run]
const SIZES: [string, number, number][] = [
  ['64B', 64, 200],
  ['64KB', 64 * KB, 50],
  ['1MB', MB, 10],
  ['16MB', 16 * MB, 2],
  ['64MB', 64 * MB, 1],
];

// A cheap fingerprint of a reply: enough to catch a wrong or torn copy.
function fingerprint(bytes: unknown): unknown {
  if (!(bytes instanceof Uint8Array)) return bytes;
  const n = bytes.length;
  return [n, bytes[0], bytes[n >> 1], bytes[n - 2], bytes[n - 1]];
}

function sizeSuite(name: string, full: number, fullOps: number): Suite {
  const size = isSmoke() ? Math.min(full, 64 * KB) : full;
  const ops = smokeSize(fullOps, Math.min(fullOps, 2));
  let echo: Worker | undefined;
  // One payload per method, made outside the clock; transfer swaps in
  // each reply, because the payload it sent is gone.
  const payloads = new Map<Method, Uint8Array>();

  const s = suite(`Transfer${name}`, {
    meta: { bytes: size },
    answer: fingerprint,
    before: async () => {
      echo = startEcho();
      for (const m of METHODS) {
        payloads.set(m, makePayload(size, m));
        await roundTrip(echo, m, makePayload(16, m)); // boot and warm
      }
    },
    after: async () => {
      await echo?.terminate();
    },
  });
  for (const method of METHODS) {
    s.add(`method=${method}`, async () => {
      let reply: Uint8Array | undefined;
      for (let i = 0; i < ops; i++) {
        const bytes = payloads.get(method)!;
        bytes[size - 1] = 0; // the worker stamps it with 1 again
        reply = await roundTrip(echo!, method, bytes);
        if (method === 'transfer') payloads.set(method, reply);
      }
      return reply;
    }, { ops });
  }
  return s;
}

export default SIZES.map(([name, size, ops]) => sizeSuite(name, size, ops));
