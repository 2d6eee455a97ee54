import { expect, test } from 'vitest';
import { ctime, main } from './45-time-server.ts';

test('ctime formats like Python', () => {
  expect(ctime(new Date(2026, 10, 1, 9, 5, 3)))
    .toBe('Sun Nov  1 09:05:03 2026');
});

test('each client gets the server time as a ctime string', async () => {
  const before = Date.now();
  const { times } = await main();
  expect(times).toHaveLength(2);
  for (const time of times) {
    expect(time).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    // ctime drops milliseconds, so allow the second it started in.
    const at = Date.parse(time.replace(/^\w+ /, ''));
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
  }
});
