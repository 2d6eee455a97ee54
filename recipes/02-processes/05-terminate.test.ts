import { expect, test } from 'vitest';
import { main } from './05-terminate.ts';

test('terminate: alive false, true, true, false; ended by SIGTERM (-15)',
  async () => {
    const { alive, exitCode, signal, pythonExitCode } = await main();
    expect(alive).toEqual([false, true, true, false]);
    expect(exitCode).toBeNull();
    expect(signal).toBe('SIGTERM');
    expect(pythonExitCode).toBe(-15);
  }, 60_000);
