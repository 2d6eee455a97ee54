import { expect, test } from 'vitest';
import { CHUNK, main, TOTAL } from './07-backpressure.ts';

test('waiting for drain bounds the queue; ignoring it does not', async () => {
  const [respect, ignore] = await main();
  expect(respect!.received).toBe(TOTAL);
  expect(ignore!.received).toBe(TOTAL);
  expect(respect!.peak).toBeLessThanOrEqual(respect!.highWaterMark + CHUNK);
  // The slow reader leaves most of the 16 MiB queued in the producer.
  expect(ignore!.peak).toBeGreaterThan(1024 * 1024);
}, 60_000);
