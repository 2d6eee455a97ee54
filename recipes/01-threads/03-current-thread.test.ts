import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './03-current-thread.ts';

// One run serves every test.
let result: Result;
beforeAll(async () => { result = await main(); });

test('each thread knows its name and id; the third gets the default',
  () => {
    const { reports, mainThreadId } = result;
    expect(reports).toHaveLength(6);
    const starts = reports.filter((r) => r.event === 'starting');
    const ids = starts.map((r) => r.threadId);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain(mainThreadId);
    const named = starts.map((r) => r.name)
      .filter((n) => !n.startsWith('Thread-'));
    expect(named.sort()).toEqual(['function_A', 'function_B']);
    const unnamed = starts.find((r) => r.name.startsWith('Thread-'));
    expect(unnamed?.name).toBe(`Thread-${unnamed?.threadId}`);
  });

test('every thread says starting before exiting, under one name', () => {
  const { reports } = result;
  for (const id of new Set(reports.map((r) => r.threadId))) {
    const own = reports.filter((r) => r.threadId === id);
    expect(own.map((r) => r.event)).toEqual(['starting', 'exiting']);
    expect(own[0]?.name).toBe(own[1]?.name);
  }
});
