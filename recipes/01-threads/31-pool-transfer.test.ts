import { expect, test } from 'vitest';
import { main, payload, SIZE } from './31-pool-transfer.ts';
import { checksum } from './31-pool-transfer.task.ts';

test('clone copies, move detaches, and the data arrives intact',
  async () => {
    const r = await main();
    const sent = checksum(payload());
    expect(r.sent).toBe(sent);

    // Clone: the worker saw every byte and we kept ours.
    expect(r.clone.seen).toEqual({ byteLength: SIZE, checksum: sent });
    expect(r.clone.senderAfter).toBe(SIZE);

    // Move: the worker saw every byte and our view is empty.
    expect(r.move.seen).toEqual({ byteLength: SIZE, checksum: sent });
    expect(r.move.senderAfter).toBe(0);

    // There and back: both hands end empty except the reply's.
    const inverted = checksum(payload().map((x) => 255 - x));
    expect(r.back.expected).toBe(inverted);
    expect(r.back.reply).toEqual({ byteLength: SIZE, checksum: inverted });
    expect(r.back.senderAfter).toBe(0);
    expect(r.back.workerAfter).toBe(0);
  });
