/**
 * Benchmarks for pipes/channels and pipes/blocking-channels.
 *
 * ProcessRoundTrip: one 8-byte message to an echo child and back, one at
 * a time (latency), on each channel, next to Python's
 * `multiprocessing.Pipe` doing the same (benchmarks/peers/python/
 * pipe_roundtrip.py). ns/op = one round trip. Every variant answers the
 * sum of the numbers echoed back, as the peer does. `fifo-sync` blocks
 * on both ends as the Python pipe does: each `request` returns with the
 * reply already in, and the parent's event loop is stopped meanwhile.
 *
 * ProcessThroughput: 32 MiB per run, in messages of 1 KiB to 16 MiB,
 * sent back to back and echoed (bandwidth). ns/op = per MiB echoed:
 * MiB/s = 1e9 / (ns/op). Each run checks the bytes that came back.
 *
 * The echo children start before the clock (a tsx child costs a few
 * hundred ms) and stay up for the whole suite.
 */
import { smokeSize, suite } from '@cookbook/bench';
import { CHANNELS, startEcho, type Channel } from './04-channels.ts';
import type { Echo } from './04-channels.client.ts';
import {
  BLOCKING_CHANNELS,
  startBlockingEcho,
  type BlockingChannel,
} from './10-blocking-channels.ts';

// The event-loop channels of pipes/channels, then the blocking ones of
// pipes/blocking-channels.
type AnyChannel = Channel | BlockingChannel;
const ALL: readonly AnyChannel[] = [...CHANNELS, ...BLOCKING_CHANNELS];
const isBlocking = (c: AnyChannel): c is BlockingChannel =>
  (BLOCKING_CHANNELS as readonly string[]).includes(c);

const echoes = new Map<AnyChannel, Echo>();
async function startAll(): Promise<void> {
  for (const channel of ALL) {
    echoes.set(channel, isBlocking(channel)
      ? await startBlockingEcho(channel) : await startEcho(channel));
  }
}
async function closeAll(): Promise<void> {
  await Promise.all([...echoes.values()].map((e) => e.close()));
  echoes.clear();
}

// ── ProcessRoundTrip ─────────────────────────────────────────────────
const MESSAGES = smokeSize(5_000, 50);

async function roundTrips(channel: AnyChannel): Promise<number> {
  const echo = echoes.get(channel)!;
  const payload = Buffer.alloc(8);
  let total = 0;
  for (let i = 0; i < MESSAGES; i++) {
    payload.writeDoubleLE(i);
    total += (await echo.request(payload)).readDoubleLE(0);
  }
  return total;
}

const roundTrip = suite('ProcessRoundTrip', {
  before: startAll,
  after: closeAll,
  meta: { payload: '8 bytes', op: 'round trip', messages: MESSAGES },
});
for (const channel of ALL) {
  roundTrip.add(`channel=${channel}`, () => roundTrips(channel),
    { ops: MESSAGES });
}
roundTrip.peer('peer=python-mp-pipe', {
  script: new URL('../../benchmarks/peers/python/pipe_roundtrip.py',
    import.meta.url),
  args: ['--messages', String(MESSAGES), '--size', '0'],
  ops: MESSAGES,
  runs: 5,
});

// ── ProcessThroughput ────────────────────────────────────────────────
const MIB = 1 << 20;
// Whole MiB, even in the smoke run: the Go format counts whole operations.
const TOTAL = smokeSize(32 * MIB, MIB);
const ALL_SIZES: Array<[string, number]> = [['1KiB', 1024],
  ['64KiB', 64 << 10], ['1MiB', MIB], ['16MiB', 16 * MIB]];
// The smoke run (npm test) only checks that it works: two sizes.
const SIZES = smokeSize(ALL_SIZES, ALL_SIZES.slice(0, 2));

async function stream(channel: AnyChannel, size: number): Promise<boolean> {
  const echo = echoes.get(channel)!;
  const n = Math.max(1, Math.floor(TOTAL / size));
  const payloads = Array.from({ length: n }, (_, i) =>
    Buffer.alloc(Math.min(size, TOTAL), i & 0xff));
  const back = await Promise.all(payloads.map((p) => echo.request(p)));
  // Every reply must be the same size, and the last one the same bytes.
  return back.every((b, i) => b.length === payloads[i]!.length) &&
    back.at(-1)!.equals(payloads.at(-1)!);
}

const throughput = suite('ProcessThroughput', {
  before: startAll,
  after: closeAll,
  meta: { op: 'MiB echoed (MiB/s = 1e9 / ns/op)', 'per-run': `${TOTAL} B` },
});
for (const [label, size] of SIZES) {
  for (const channel of ALL) {
    throughput.add(`size=${label}/channel=${channel}`,
      () => stream(channel, size), { ops: TOTAL / MIB });
  }
}

export default [roundTrip, throughput];
