/**
 * Runs one recipe the way a reader does: its own process (`node --import
 * tsx <file>`), inherited stdio, in its own process group so a timeout can
 * stop the recipe and everything it started.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { killGroup, TSX_EXEC_ARGV } from '@cookbook/shared';
import { ROOT, type Recipe } from './recipes.ts';

const ONE_LINE_ERRORS = new URL('./one-line-errors.mjs', import.meta.url).href;
/**
 * The exit code of a recipe whose error one-line-errors.mjs reported; it
 * must equal REPORTED there (a .mjs file, so TypeScript cannot import it).
 */
export const REPORTED = 70;

export interface Outcome {
  code: number;
  timedOut: boolean;
  /** The signal that stopped the runner itself (passed on to the recipe). */
  stoppedBy: NodeJS.Signals | undefined;
  stdout: string;
  stderr: string;
}

export interface LaunchOptions {
  timeoutMs: number;
  /** 'inherit' for readers; 'pipe' to capture (the output tests). */
  stdio: 'inherit' | 'pipe';
  env?: NodeJS.ProcessEnv;
}

/** The shell's exit code for a process ended by a signal: 128 + its number. */
export const SIGNAL_CODES: Record<string, number> = {
  SIGHUP: 129, SIGINT: 130, SIGKILL: 137, SIGTERM: 143,
};

/** The signals a reader (or a closed terminal) sends the runner. */
const PASSED_ON: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function launch(recipe: Recipe, options: LaunchOptions): Promise<Outcome> {
  const stdio: StdioOptions = options.stdio === 'inherit'
    ? 'inherit' : ['ignore', 'pipe', 'pipe'];
  const argv = [...TSX_EXEC_ARGV, '--import', ONE_LINE_ERRORS, recipe.absFile];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    stdio,
    detached: true,
    env: { ...(options.env ?? process.env), COOKBOOK_RECIPE: recipe.id },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));

  // Ctrl-C, `kill -TERM` or a closed terminal reaches only our group: we
  // pass it on to the recipe's group, and remember it for the exit code.
  let stoppedBy: NodeJS.Signals | undefined;
  const forward = (signal: NodeJS.Signals): void => {
    stoppedBy ??= signal;
    killGroup(child, signal);
  };
  for (const signal of PASSED_ON) process.on(signal, forward);

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child, 'SIGTERM');
    setTimeout(() => killGroup(child, 'SIGKILL'), 2_000).unref();
  }, options.timeoutMs);

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      for (const s of PASSED_ON) process.off(s, forward);
      // Whatever the recipe left behind in its group goes with it.
      killGroup(child, 'SIGKILL');
      const exit = stoppedBy ? SIGNAL_CODES[stoppedBy]!
        : code ?? SIGNAL_CODES[signal ?? ''] ?? 1;
      resolve({
        code: timedOut ? 124 : exit, timedOut, stoppedBy, stdout, stderr,
      });
    });
  });
}
