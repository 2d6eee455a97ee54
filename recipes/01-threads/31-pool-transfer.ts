/**
 * Moving vs copying buffers through a pool (piscina transfer)
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" (beyond the book: Python
 *          threads share one heap, so nothing is ever copied or moved)
 * @covers  none
 * @run     npm run recipe -- threads/pool-transfer
 * @see     threads/pool-map, threads/data-between-threads
 *
 * A Python thread hands a big `bytearray` to another for free: both see
 * the same object. A Node worker has its own heap, so a task's argument
 * is copied by structured clone, unless we *transfer* its ArrayBuffer:
 * then the memory changes owner and the sender's view becomes empty
 * (`byteLength` 0). piscina spells this `Piscina.move(view)` for a
 * task's argument or return value, or `{ transferList }` on `run`. We
 * prove each move by the byteLength left behind, and the data by a
 * checksum on both sides. (threads/data-between-threads times them.)
 */
import { Piscina } from 'piscina';
import { describePool, isEntry, pool } from '@cookbook/shared';
import { checksum, type Seen } from './31-pool-transfer.task.ts';

// 16 MiB: big enough that a copy costs milliseconds.
export const SIZE = 16 * 1024 * 1024;

/** A recognisable payload: byte i holds (7 * i) mod 256. */
export function payload(size: number = SIZE): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (7 * i) & 0xff;
  return bytes;
}

// For each trip, what the worker saw (length and checksum) and the
// length our view kept (`senderAfter`). `sent` is the payload's
// checksum; the round trip's `expected` is the inverted payload's, and
// `workerAfter` the length the worker's view kept after moving it home.
export interface Result {
  sent: number;
  clone: { seen: Seen; senderAfter: number };
  move: { seen: Seen; senderAfter: number };
  back: { senderAfter: number; reply: Seen; expected: number;
    workerAfter: number };
}

// One pool, three trips: a copy, a move, and a move there and back.
export async function main(): Promise<Result> {
  // One thread, so every task (and its leftovers) lives in the same one.
  const task = new URL('./31-pool-transfer.task.ts', import.meta.url);
  const p = pool(task, { minThreads: 1, maxThreads: 1 });
  try {
    // The pool we run on (shared/src/idioms.ts), and what we send.
    console.log(describePool(p));
    const sent = checksum(payload());
    console.log(`payload: ${SIZE} bytes, checksum ${sent}`);

    // A plain argument is cloned: the worker reads a copy, ours stays.
    // Each trip gets a fresh payload, as a move leaves ours empty.
    const a = payload();
    const clone = { seen: (await p.run(a)) as Seen, senderAfter: 0 };
    clone.senderAfter = a.byteLength;
    console.log(`clone: worker got ${clone.seen.byteLength}, ` +
      `sender keeps ${clone.senderAfter}`);

    // `Piscina.move` transfers the buffer: ours is detached at once.
    const b = payload();
    const seen = (await p.run(Piscina.move(b))) as Seen;
    const moved = { seen, senderAfter: b.byteLength };
    console.log(`move:  worker got ${moved.seen.byteLength}, ` +
      `sender keeps ${moved.senderAfter}`);

    // There and back: we transfer out with `transferList`, the task
    // changes the bytes and moves them home with `move()`.
    const c = payload();
    const reply = (await p.run(c, { name: 'invert',
      transferList: [c.buffer] })) as Uint8Array;
    // We check the reply against the inverted payload, and ask the
    // worker what its own view kept once it had moved the bytes home.
    const inverted = payload().map((x) => 255 - x);
    const back = {
      senderAfter: c.byteLength,
      reply: { byteLength: reply.byteLength, checksum: checksum(reply) },
      expected: checksum(inverted),
      workerAfter: (await p.run(null, { name: 'sentHomeLength' })) as number,
    };
    console.log(`back:  sender keeps ${back.senderAfter}, reply has ` +
      `${back.reply.byteLength}, worker keeps ${back.workerAfter}`);

    // Last, the data: every checksum must match what was sent.
    const ok = (x: number, y: number): string => (x === y ? 'ok' : 'BAD');
    console.log(`checksums: clone ${ok(clone.seen.checksum, sent)}, ` +
      `move ${ok(moved.seen.checksum, sent)}, ` +
      `back ${ok(back.reply.checksum, back.expected)}`);
    return { sent, clone, move: moved, back };
  } finally {
    await p.destroy();
  }
}

// Run as the entry, this file makes the three trips and prints them.
if (isEntry(import.meta.url)) await main();

// Output:
// pool: minThreads 1, maxThreads 1, atomics sync, cores {*}
// payload: 16777216 bytes, checksum 545259520
// clone: worker got 16777216, sender keeps 16777216
// move:  worker got 16777216, sender keeps 0
// back:  sender keeps 0, reply has 16777216, worker keeps 0
// checksums: clone ok, move ok, back ok
