/**
 * Finds processes left alive by a test run.
 *
 * The global setup puts a marker in the environment; every process the run
 * starts (vitest's forks, recipes, their workers' children) inherits it.
 * After the run, any process other than vitest itself that still carries
 * the marker was leaked. Linux only (/proc); elsewhere it finds nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const MARKER_VAR = 'COOKBOOK_TEST_RUN';

export interface Leak {
  pid: number;
  command: string;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined; // gone, or not ours to read
  }
}

/** Processes (except `exclude`) whose environment holds `VAR=marker`. */
export function findMarked(marker: string, exclude: Set<number>): Leak[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = `${MARKER_VAR}=${marker}`;
  const leaks: Leak[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (exclude.has(pid)) continue;
    const environ = read(`/proc/${pid}/environ`);
    if (environ === undefined || !environ.split('\0').includes(needle)) {
      continue;
    }
    const command = (read(`/proc/${pid}/cmdline`) ?? '')
      .split('\0')
      .join(' ')
      .trim();
    // vitest's own pool processes carry the marker too; they are vitest's
    // to stop, and a zombie (empty cmdline) is already dead.
    if (command === '' || /[\\/]vitest[\\/]/.test(command)) continue;
    leaks.push({ pid, command });
  }
  return leaks;
}

/** Polls until no marked process is left or `ms` pass; returns the rest. */
export async function waitForNone(
  marker: string,
  exclude: Set<number>,
  ms: number,
): Promise<Leak[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const leaks = findMarked(marker, exclude);
    if (leaks.length === 0 || Date.now() >= deadline) return leaks;
    await new Promise((r) => setTimeout(r, 100));
  }
}
