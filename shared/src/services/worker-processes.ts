/**
 * Task-queue workers as separate processes, the way a Celery or RQ
 * deployment runs them: `startWorkers` forks N copies of a recipe's own
 * file (through tsx, so it is TypeScript), waits until each has said it
 * is ready, and `stop()` ends them with SIGTERM (a graceful close: the
 * current job finishes), then SIGKILL after a grace period.
 *
 * In the child, `serveUntilStopped(...)` announces readiness and closes
 * the given BullMQ objects on SIGTERM/SIGINT, or when the parent goes
 * away (the IPC channel closes), so no worker outlives its recipe.
 */
import type { ChildProcess } from 'node:child_process';
import { exited, forkTs } from '../processes.ts';

/** The first argument that marks a forked copy as a worker. */
export const WORKER_ARG = 'worker';

export interface WorkerProcesses {
  children: ChildProcess[];
  pids: number[];
  /** SIGTERM every child, SIGKILL any still up after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Waits for a child's 'ready' message; rejects if it exits first. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`worker process exited (code ${code}) before ready`));
    child.once('exit', onExit);
    child.on('message', function onMessage(message) {
      if (message !== 'ready') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve();
    });
  });
}

/** Ends one child: SIGTERM, then SIGKILL if it outlives the grace. */
export async function stopProcess(
  child: ChildProcess,
  graceMs = 5_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Forks `count` workers of `module` with `worker ...args`. */
export async function startWorkers(
  module: URL,
  count: number,
  args: readonly string[] = [],
): Promise<WorkerProcesses> {
  const children = Array.from({ length: count }, () =>
    forkTs(module, [WORKER_ARG, ...args]));
  const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
  process.once('exit', killAll);
  const group: WorkerProcesses = {
    children,
    pids: children.map((c) => c.pid ?? 0),
    stop: async (graceMs) => {
      await Promise.all(children.map((c) => stopProcess(c, graceMs)));
      process.off('exit', killAll);
    },
  };
  try {
    await Promise.all(children.map(ready));
  } catch (error) {
    await group.stop(1_000);
    throw error;
  }
  return group;
}

/** True in a forked worker copy (argv: file, 'worker', ...). */
export function isWorkerProcess(): boolean {
  return process.argv[2] === WORKER_ARG && process.send !== undefined;
}

/** The worker's arguments after `worker`. */
export function workerArgs(): string[] {
  return process.argv.slice(3);
}

interface Closable {
  close(): Promise<unknown>;
}

/**
 * In a worker process: tell the parent we are ready, then close
 * `closables` and exit on SIGTERM/SIGINT or when the parent disconnects.
 */
export function serveUntilStopped(...closables: Closable[]): void {
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await Promise.all(closables.map((c) => c.close()));
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
  process.send?.('ready');
}
