/**
 * vitest global setup: after the whole suite, no process that the suite
 * started may still be alive. A leftover is killed and fails the run.
 */
import { randomUUID } from 'node:crypto';
import { MARKER_VAR, waitForNone } from './leaks.ts';

export default function setup(): () => Promise<void> {
  const marker = randomUUID();
  process.env[MARKER_VAR] = marker;
  return async () => {
    const leaks = await waitForNone(marker, new Set([process.pid]), 3_000);
    for (const { pid } of leaks) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (leaks.length > 0) {
      const list = leaks.map((l) => `  ${l.pid} ${l.command}`).join('\n');
      throw new Error(`processes left alive by the test run:\n${list}`);
    }
  };
}
