import { beforeAll, expect, test } from 'vitest';
import { makePayload } from './35-data-between-threads.task.ts';
import {
  main, METHODS, roundTrip, startEcho, type Result,
} from './35-data-between-threads.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('every method delivers intact data; only transfer empties the sender',
  () => {
    const { rows, size } = result;
    expect(rows.map((r) => r.method)).toEqual([...METHODS]);
    for (const r of rows) {
      expect(r.intact).toBe(true);
      expect(r.replyLength).toBe(size);
      if (r.method === 'transfer') {
        // Moved: our view is detached.
        expect(r.senderLength).toBe(0);
        expect(r.senderLast).toBeUndefined();
      } else {
        expect(r.senderLength).toBe(size);
        // Only shared memory shows the worker's write (the stamp 1).
        expect(r.senderLast).toBe(r.method === 'shared' ? 1 : 0);
      }
    }
  });

test('shared memory: the reply is a view of the same bytes', async () => {
  const echo = startEcho();
  try {
    const mine = makePayload(4096, 'shared');
    const reply = await roundTrip(echo, 'shared', mine);
    expect(reply.buffer).toBeInstanceOf(SharedArrayBuffer);
    // A write on our side shows through the reply's view, and back.
    mine[0] = 99;
    expect(reply[0]).toBe(99);
    reply[1] = 42;
    expect(mine[1]).toBe(42);

    // A clone's reply is separate memory.
    const copy = makePayload(4096, 'clone');
    const copied = await roundTrip(echo, 'clone', copy);
    copy[0] = 99;
    expect(copied[0]).toBe(0);
  } finally {
    await echo.terminate();
  }
});
