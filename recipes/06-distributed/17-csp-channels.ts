/**
 * Communicating sequential processes: channels, alt and poison on Redis
 *
 * @book    1e ch. 5 "Distributed Python" › Communicating sequential
 *          processes with PyCSP
 * @python  (PyCSP counter/printer listing, Python 2)
 * @covers  D17
 * @run     npm run recipe -- distributed/csp-channels
 * @needs   redis
 * @timeout 120000
 *
 * In PyCSP a `counter` process writes 0..4 to channel A, then poisons
 * it; a `printer` reads until the poison and prints "0 1 2 3 4". A CSP
 * channel is unbuffered: a write returns once a reader took the value (a
 * rendezvous). We build one on Redis lists, so the processes share only
 * the broker; `BLPOP` on several lists is CSP's `alt`.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { isEntry } from '@cookbook/shared';
import { useRedis, type RedisServer } from '@cookbook/shared/services/redis';
import {
  isWorkerProcess, startWorkers, workerArgs,
} from '@cookbook/shared/services/worker-processes';

// The value that, written to a channel, ends every read of it.
const POISON = '__poison__';

// ── The channel ────────────────────────────────────────────────────
// A message carries its value and the key its writer waits on.
type Message = { value: unknown; reply: string };
// What a read of a poisoned channel throws.
export class Poisoned extends Error { override name = 'Poisoned'; }

// A write pushes the value with a private reply key, then blocks on that
// key until the reader acknowledges.
export async function write(redis: Redis, channel: string, value: unknown) {
  const reply = `csp:reply:${randomUUID()}`;
  await redis.rpush(`csp:${channel}`, JSON.stringify({ value, reply }));
  await redis.blpop(reply, 0); // the rendezvous: wait for the reader
}

// alt: the first of `channels` that has a value; poison ends the read.
export async function alt(redis: Redis, channels: string[]) {
  const [key = '', raw = ''] = await redis.blpop(
    channels.map((c) => `csp:${c}`), 0) ?? [];
  if (raw === POISON) throw new Poisoned(key);
  const message = JSON.parse(raw) as Message;
  await redis.rpush(message.reply, 'taken');
  return { channel: key.slice('csp:'.length), value: message.value };
}

// Poison goes in like any value; every `alt` that pops it throws.
export async function poison(redis: Redis, channel: string) {
  await redis.rpush(`csp:${channel}`, POISON);
}

// ── The two processes ──────────────────────────────────────────────
// The counter also checks that channel A is empty after each write:
// the value was taken, not buffered.
async function counter(redis: Redis): Promise<number[]> {
  const leftAfterWrite: number[] = [];
  for (let i = 0; i < 5; i++) {
    await write(redis, 'A', i);
    leftAfterWrite.push(await redis.llen('csp:A'));
  }
  await poison(redis, 'A');
  return leftAfterWrite;
}

// The printer alts over A and a `stop` channel until A is poisoned.
async function printer(redis: Redis): Promise<unknown[]> {
  const seen: unknown[] = [];
  try {
    for (;;) seen.push((await alt(redis, ['A', 'stop'])).value);
  } catch (error) {
    if (!(error instanceof Poisoned)) throw error;
  }
  console.log(seen.join(' ')); // PyCSP's `print x,` for each value
  return seen;
}

// A worker process runs one role and sends its result to the parent.
async function serve([url = '', role = '']: string[]): Promise<void> {
  const redis = new Redis(url);
  process.send?.('ready');
  const result = await (role === 'counter' ? counter : printer)(redis);
  process.send?.({ role, result });
  await redis.quit();
  process.disconnect();
}

// ── Main side ──────────────────────────────────────────────────────
// What the printer printed, and channel A's length after each write.
export type Result = { printed: unknown[]; leftAfterWrite: number[] };

// Parallel(counter(A), printer(A)): two processes, one broker.
export async function main(
  options: { redis?: RedisServer } = {},
): Promise<Result> {
  return useRedis(options.redis, async ({ url }) => {
    // One worker process per CSP process, each told its role.
    const [print, count] = await Promise.all([
      startWorkers(new URL(import.meta.url), 1, [url, 'printer']),
      startWorkers(new URL(import.meta.url), 1, [url, 'counter'])]);
    try {
      // Each process reports once, when its role is done.
      const report = (group: typeof print) => new Promise<unknown>(
        (resolve) => group.children[0]?.on('message',
          (m: { result?: unknown }) => m.result && resolve(m.result)));
      const [printed, leftAfterWrite] = await Promise.all([
        report(print), report(count)]) as [unknown[], number[]];
      return { printed, leftAfterWrite };
    } finally {
      // Both roles are done (or failed): stop the processes either way.
      await Promise.all([print.stop(), count.stop()]);
    }
  });
}

if (isWorkerProcess()) await serve(workerArgs());
else if (isEntry(import.meta.url)) await main();

// Output:
// 0 1 2 3 4
