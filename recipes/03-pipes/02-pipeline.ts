/**
 * Using pipes to exchange objects: numbers → squarer → main
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects
 * @book    1e ch. 3 "Process-based Parallelism" › How to exchange objects
 *          between processes
 * @python  Chapter03/communicating_with_pipe.py
 * @covers  Q2
 * @run     npm run recipe -- pipes/pipeline
 * @timeout 60000
 * @see     pipes/queue
 *
 * The book chains two processes with two `multiprocessing.Pipe`s: the
 * first sends 0..9, the second squares them, and main prints until
 * `recv()` raises EOFError, which comes only once every copy of the
 * sending end is closed. Node joins processes with real OS pipes: the
 * first child's stdout becomes the second child's stdin, one number per
 * line, and the end of the stream is the pipe's EOF when the writer
 * exits. If a stage dies mid-stream, we name it in the error, stop the
 * other stages, and reject (the recipe then exits non-zero). Each stage
 * also exits when its IPC channel to us closes, so even a parent killed
 * with SIGKILL leaves no stage behind.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

export const COUNT = 10;
/** The exit code of a stage whose reader went away (128 + SIGPIPE). */
const BROKEN_PIPE = 141;

// ── Stages ───────────────────────────────────────────────────────────
// A stage leaves when its parent does, and treats a closed stdout (the
// next stage died) as the shell does: quietly, with code 141.
function stageSetup(): void {
  process.once('disconnect', () => process.exit(BROKEN_PIPE));
  // A parent that died while we were still loading is already gone.
  if (!process.connected) process.exit(BROKEN_PIPE);
  process.stdout.on('error', () => process.exit(BROKEN_PIPE));
}

// `write` returns false when the pipe is full: we wait for 'drain'.
async function createItems(count: number, pauseMs: number): Promise<void> {
  for (let item = 0; item < count; item++) {
    if (!process.stdout.write(`${item}\n`)) {
      await once(process.stdout, 'drain');
    }
    if (pauseMs > 0) await sleep(pauseMs);
  }
}

async function multiplyItems(crashAt: number): Promise<void> {
  let seen = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    if (seen++ === crashAt) throw new Error(`crashed at item ${line}`);
    const item = Number(line);
    if (!process.stdout.write(`${item * item}\n`)) {
      await once(process.stdout, 'drain');
    }
  }
}

// ── Main side: start, read, and watch the stages ─────────────────────
export interface PipelineOptions {
  count?: number;
  pauseMs?: number;
  /** Make the squarer throw at this item (the fault test). */
  crashAt?: number;
  onStart?: (pids: number[]) => void;
}

export async function runPipeline(
  options: PipelineOptions = {},
): Promise<number[]> {
  const { count = COUNT, pauseMs = 0, crashAt = -1 } = options;
  const first = forkRole(import.meta.url, 'create_items',
    [String(count), String(pauseMs)],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  // The first stage's stdout is handed over as the second one's stdin.
  const second = forkRole(import.meta.url, 'multiply_items',
    [String(crashAt)], { stdio: [first.stdout!, 'pipe', 'inherit', 'ipc'] });
  const stages: Array<[string, ChildProcess]> =
    [['create_items', first], ['multiply_items', second]];
  options.onStart?.(stages.map(([, c]) => c.pid!));

  // A stage that fails (not by a broken pipe) stops all the others.
  const watch = stages.map(async ([name, stage]) => {
    const { code, signal } = await exited(stage);
    if (code === 0 || code === BROKEN_PIPE || signal === 'SIGTERM') return;
    for (const [, other] of stages) other.kill('SIGTERM');
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    throw new Error(`pipeline stage ${name} (pid ${stage.pid}) ` +
      `failed with ${how}`);
  });
  // Marked as handled now: we await it once the output has ended.
  const failed = Promise.all(watch);
  failed.catch(() => {});
  const squares: number[] = [];
  for await (const line of createInterface({ input: second.stdout! })) {
    squares.push(Number(line));
  }
  await failed;
  return squares;
}

export async function main(): Promise<number[]> {
  const squares = await runPipeline();
  for (const square of squares) console.log(square);
  console.log('End');
  return squares;
}

const role = childRole(import.meta.url);
if (role !== undefined) stageSetup();
if (role === 'create_items') {
  await createItems(Number(childArgs()[0]), Number(childArgs()[1]));
  process.disconnect();
} else if (role === 'multiply_items') {
  await multiplyItems(Number(childArgs()[0]));
  process.disconnect();
} else if (isEntry(import.meta.url)) await main();

// Output:
// 0
// 1
// 4
// 9
// 16
// 25
// 36
// 49
// 64
// 81
// End
