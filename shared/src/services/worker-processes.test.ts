import { expect, test } from 'vitest';
import { exited } from '../processes.ts';
import { startWorkers } from './worker-processes.ts';

const FIXTURE = new URL('./worker-processes.fixture.ts', import.meta.url);

test('starts N ready worker processes and stops them gracefully',
  async () => {
    const group = await startWorkers(FIXTURE, 2, ['ok']);
    const closed = group.children.map((c) => new Promise<void>((resolve) =>
      c.on('message', (m) => m === 'closed' && resolve())));
    const ends = group.children.map((c) => exited(c));
    expect(new Set(group.pids).size).toBe(2);
    expect(group.pids).not.toContain(process.pid);
    await group.stop();
    await Promise.all(closed); // SIGTERM ran the close hooks
    expect(await Promise.all(ends)).toEqual([
      { code: 0, signal: null }, { code: 0, signal: null }]);
  }, 60_000);

test('a worker that dies before it is ready fails the start', async () => {
  await expect(startWorkers(FIXTURE, 1, ['fail']))
    .rejects.toThrow(/exited \(code 3\) before ready/);
}, 60_000);
