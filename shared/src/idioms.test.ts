import { expect, test } from 'vitest';
import {
  blockingSleep, gaugeDown, gaugePeak, gaugeUp, newGauge, runWorkers,
} from './idioms.ts';

test('blockingSleep sleeps at least as long as asked', () => {
  const started = performance.now();
  blockingSleep(20);
  // A lower bound only: a busy machine may make it longer, never shorter
  // (1 ms of slack for timer rounding).
  expect(performance.now() - started).toBeGreaterThanOrEqual(19);
});

test('the gauge counts who is inside now and keeps the most ever', () => {
  const gauge = newGauge();
  expect(gaugeUp(gauge)).toBe(1);
  expect(gaugeUp(gauge)).toBe(2);
  gaugeDown(gauge);
  expect(gaugeUp(gauge)).toBe(2);
  gaugeDown(gauge);
  gaugeDown(gauge);
  expect(gaugePeak(gauge)).toBe(2);
  expect(gaugeUp(gauge)).toBe(1); // a lower count leaves the peak alone
  expect(gaugePeak(gauge)).toBe(2);
});

const ECHO = new URL('../test/echo-worker.ts', import.meta.url);

test('runWorkers gathers every message and waits for every worker',
  async () => {
    const seen: number[] = [];
    const got = await runWorkers<{ n: number }, number>(
      ECHO, [{ n: 1 }, { n: 2 }, { n: 3 }], (m) => seen.push(m));
    expect([...got].sort()).toEqual([2, 4, 6]);
    expect(seen).toEqual(got); // onMessage saw each, in the same order
  });

test('runWorkers rejects with the error a worker throws', async () => {
  await expect(runWorkers(ECHO, [{ n: 1 }, { n: -1 }]))
    .rejects.toThrow('negative input');
});
