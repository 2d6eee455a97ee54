import { expect, test } from 'vitest';
import { AsyncQueue, main } from './23-async-queue.ts';

test('the second put waits for a get; close ends a waiting get', async () => {
  const { events } = await main();
  expect(events).toEqual([
    'put b: waiting, the queue is full', 'got a', 'put b: done, after a get',
    'got b', 'get: waiting, the queue is empty',
    'closed: the waiting get ended with undefined']);
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
