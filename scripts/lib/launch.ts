/**
 * Runs one recipe the way a reader does: its own process (`node --import
 * tsx <file>`), inherited stdio, in its own process group so a timeout can
 * stop the recipe and everything it started.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { TSX_EXEC_ARGV } from '../../shared/src/workers.ts';
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
  stdout: string;
  stderr: string;
}

export interface LaunchOptions {
  timeoutMs: number;
  /** 'inherit' for readers; 'pipe' to capture (the output tests). */
  stdio: 'inherit' | 'pipe';
  env?: NodeJS.ProcessEnv;
}

const SIGNAL_CODES: Record<string, number> = {
  SIGINT: 130, SIGKILL: 137, SIGTERM: 143,
};

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

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  // A reader's Ctrl-C reaches only our group; pass it on to the recipe's.
  const forward = (signal: NodeJS.Signals): void => killGroup(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), 2_000).unref();
  }, options.timeoutMs);

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      // Whatever the recipe left behind in its group goes with it.
      killGroup('SIGKILL');
      const exit = code ?? SIGNAL_CODES[signal ?? ''] ?? 1;
      resolve({ code: timedOut ? 124 : exit, timedOut, stdout, stderr });
    });
  });
}
