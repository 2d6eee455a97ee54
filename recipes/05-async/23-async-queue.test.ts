import { expect, test } from 'vitest';
import { AsyncQueue, main } from './23-async-queue.ts';

test('every item is consumed exactly once, in FIFO order per producer, '
  + 'and the queue never overfills', async () => {
  const { produced, consumedBy, takeOrder, peak } = await main();
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  expect(sorted(consumedBy.flat())).toEqual(sorted(produced));
  expect(produced).toHaveLength(10);
  expect(peak).toBe(2); // filled while every consumer was busy
  expect(consumedBy.every((t) => t.length > 0)).toBe(true);
  // The queue is FIFO: each producer's items come out in its order.
  for (const producer of [0, 1]) {
    const order = takeOrder.filter((x) =>
      Math.floor(x / 100) === producer);
    expect(order).toEqual(sorted(order));
  }
});

test('put waits while full; get waits while empty; close ends readers',
  async () => {
    const q = new AsyncQueue<string>(1);
    const events: string[] = [];
    await q.put('a');
    const blocked = q.put('b').then(() => events.push('put b'));
    const reader = q.get().then((x) => events.push(`got ${x}`));
    await Promise.all([blocked, reader]);
    expect(events).toEqual(['got a', 'put b']);
    expect(await q.get()).toBe('b');
    const waiting = q.get();
    q.close();
    expect(await waiting).toBeUndefined();
    await expect(q.put('c')).rejects.toThrow(/closed/);
  });
