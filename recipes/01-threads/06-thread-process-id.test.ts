import { threadId } from 'node:worker_threads';
import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './06-thread-process-id.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('both named threads run in this one process', () => {
  expect(result.reports.map((r) => r.name)).toEqual(['Thread#1', 'Thread#2']);
  for (const r of result.reports) expect(r.pid).toBe(process.pid);
});

test('what tells them apart is the thread: two ids, neither the main one',
  () => {
    const ids = result.reports.map((r) => r.threadId);
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain(threadId);
  });
