import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  BOOK_PAIRS, BOOK_RATES, fetchRate, startRateStub, type RateStub,
} from './rate-stub.ts';

let stub: RateStub;
beforeAll(async () => { stub = await startRateStub({ delayMs: 50 }); });
afterAll(() => stub.close());

test('binds loopback on a free port', () => {
  expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(stub.url.endsWith(':0')).toBe(false);
});

test("serves the book's pairs in Yahoo's CSV form", async () => {
  expect(BOOK_PAIRS).toEqual(['EURUSD', 'GBPUSD', 'CHFEUR']);
  const res = await fetch(`${stub.url}/quotes.csv?s=GBPUSD=X&f=sl1`);
  expect(await res.text()).toBe('"GBPUSD=X",1.5309\n');
  for (const pair of BOOK_PAIRS) {
    expect(await fetchRate(stub.url, pair)).toBe(BOOK_RATES[pair]);
  }
});

test('an unknown pair is a 404, and fetchRate says which pair', async () => {
  await expect(fetchRate(stub.url, 'XXXYYY')).rejects.toThrow(
    'XXXYYY: HTTP 404');
});

test('counts requests in flight: one at a time, then all at once', async () => {
  stub.resetPeak();
  for (const pair of BOOK_PAIRS) await fetchRate(stub.url, pair);
  expect(stub.peakInFlight()).toBe(1);
  stub.resetPeak();
  // Each answer waits 50 ms, far longer than sending three requests.
  await Promise.all(BOOK_PAIRS.map((pair) => fetchRate(stub.url, pair)));
  expect(stub.peakInFlight()).toBe(3);
  expect(stub.requests()).toBeGreaterThanOrEqual(2 * BOOK_PAIRS.length);
});

test('other rates on request; close stops the server', async () => {
  const other = await startRateStub({ rates: { USDJPY: 151.37 } });
  expect(await fetchRate(other.url, 'USDJPY')).toBe(151.37);
  await other.close();
  await expect(fetch(`${other.url}/quotes.csv?s=USDJPY=X`)).rejects.toThrow();
});

test('close cancels answers still waiting out their delay', async () => {
  const slow = await startRateStub({ delayMs: 60_000 });
  const asked = fetch(`${slow.url}/?s=EURUSD=X`).catch(() => 'closed');
  while (slow.requests() === 0) await new Promise((r) => setTimeout(r, 5));
  const timers = () => process.getActiveResourcesInfo()
    .filter((r) => r === 'Timeout').length;
  const before = timers();
  await slow.close();
  await asked;
  // The minute-long answer timer is gone: nothing keeps us alive for it.
  expect(timers()).toBe(before - 1);
});
