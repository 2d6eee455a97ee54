import { expect, test } from 'vitest';
import { main } from './26-producer-consumer.ts';

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
