/**
 * Benchmark for async/limiter: the time for 1000 requests to the local
 * stub rate server (each answer held 2 ms, like a fast LAN service)
 * through the recipe's limiter, swept over concurrency 1 … 256.
 * Results are per request (`ops`). Up to the point where the server or
 * the event loop saturates, time falls about as 1/concurrency; beyond
 * it, more requests in flight buy nothing.
 */
import { smokeSize, suite } from '@cookbook/bench';
import {
  startRateStub,
  type RateStub,
} from '@cookbook/shared/services/rate-stub';
import { fetchAll } from './22-limiter.ts';

const REQUESTS = smokeSize(1_000, 20);
const DELAY_MS = 2;
const CONCURRENCY = [1, 4, 16, 64, 256];

let stub: RateStub | undefined;

// The answer: every request got the book's EURUSD rate.
const answer = (got: unknown): number =>
  (got as { rates: number[] }).rates.filter((r) => r === 1.1042).length;

const limiterSuite = suite('Limiter', {
  answer,
  before: async () => {
    stub = await startRateStub({ delayMs: DELAY_MS });
  },
  after: () => stub?.close(),
  meta: { requests: REQUESTS, 'server-delay-ms': DELAY_MS, op: 'request' },
});
for (const c of CONCURRENCY) {
  limiterSuite.add(`concurrency=${c}`,
    () => fetchAll(stub!, c, REQUESTS), { ops: REQUESTS });
}

export default limiterSuite;
