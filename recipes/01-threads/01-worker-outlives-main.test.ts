import { beforeAll, expect, test } from 'vitest';
import {
  DAEMON_SEES,
  main,
  MESSAGE,
  MESSAGES,
  type Result,
} from './01-worker-outlives-main.ts';

// Both tests read the same run: each run starts two child processes.
let result: Result;
beforeAll(async () => { result = await main(); });

const hello = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${MESSAGE} (${i + 1})`);

test('a plain worker keeps printing after main ends, then the process '
  + 'exits by itself', async () => {
  const { plain } = result;
  expect(plain.exitCode).toBe(0);
  // "Process Ended" comes before every one of the worker's lines, yet
  // the process waits for all of them.
  expect(plain.lines).toEqual([
    'Process Started',
    'Process Ended',
    'Thread Starting',
    ...hello(MESSAGES),
    'Thread Ended',
    `exit: the worker had printed ${MESSAGES} of ${MESSAGES}`,
  ]);
}, 60_000);

test('an unref()ed worker is still mid-run when the process exits',
  async () => {
    const { daemon } = result;
    expect(daemon.exitCode).toBe(0);
    expect(DAEMON_SEES).toBeLessThan(MESSAGES);
    expect(daemon.lines).toEqual([
      'Process Started',
      'Thread Starting',
      ...hello(DAEMON_SEES),
      'Process Ended',
      `exit: the worker had printed ${DAEMON_SEES} of ${MESSAGES}`,
    ]);
    expect(daemon.lines).not.toContain('Thread Ended');
  }, 60_000);
