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
 * The book chains two processes with `multiprocessing.Pipe`s; Node joins
 * them with a real OS pipe, one number per line, as a shell does.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// The book's numbers 0..9, and the exit code of a quiet broken pipe.
export const COUNT = 10;
const BROKEN_PIPE = 141; // a stage whose reader went away: 128 + SIGPIPE

// A stage leaves when its parent does, and treats a closed stdout (the
// next stage died) as the shell does: quietly, with code 141. Its IPC
// channel is unref'd: it does not keep a finished stage alive.
function stageSetup(): void {
  process.channel?.unref();
  // The channel closes when the parent dies, even by SIGKILL: no orphans.
  process.once('disconnect', () => process.exit(BROKEN_PIPE));
  // A parent that died while we were still loading is already gone.
  if (!process.connected) process.exit(BROKEN_PIPE);
  process.stdout.on('error', () => process.exit(BROKEN_PIPE));
}

// `write` returns false when the pipe is full: we wait for 'drain'.
async function writeLine(item: number): Promise<void> {
  if (!process.stdout.write(`${item}\n`)) await once(process.stdout, 'drain');
}
// The first stage: the numbers, one per line, paced by `pauseMs`.
async function createItems(count: number, pauseMs: number): Promise<void> {
  for (let item = 0; item < count; item++) {
    await writeLine(item);
    if (pauseMs > 0) await sleep(pauseMs);
  }
}

// The squarer reads lines until EOF, which comes when the writer exits
// (the book's `recv()` raises EOFError instead); `crashAt` is for tests.
async function multiplyItems(crashAt: number): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    if (crashAt-- === 0) throw new Error(`crashed at item ${line}`);
    await writeLine(Number(line) * Number(line));
  }
}

// Knobs for the tests: a bigger count, a slow producer, a crash.
export interface PipelineOptions {
  count?: number;
  pauseMs?: number;
  crashAt?: number; // the squarer throws at this item (fault test)
  onStart?: (pids: number[]) => void;
}
// Two stages joined by a pipe, and main reading the second's stdout.
export async function runPipeline({ count = COUNT, pauseMs = 0,
  crashAt = -1, onStart }: PipelineOptions = {}): Promise<number[]> {
  const first = forkRole(import.meta.url, 'create_items', [`${count}`,
    `${pauseMs}`], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  // The first stage's stdout is handed over as the second one's stdin:
  // the bytes flow child to child, never through main.
  const second = forkRole(import.meta.url, 'multiply_items',
    [String(crashAt)], { stdio: [first.stdout!, 'pipe', 'inherit', 'ipc'] });
  // Named stages, so an error says which one failed; pids for the tests.
  const stages = [['create_items', first], ['multiply_items', second]] as const;
  onStart?.(stages.map(([, c]) => c.pid!));
  // A stage that fails (not by a broken pipe) stops all the others. The
  // watch is marked as handled now; we await it once the output ends.
  const failed = Promise.all(stages.map(async ([name, stage]) => {
    const { code, signal } = await exited(stage);
    if (code === 0 || code === BROKEN_PIPE || signal === 'SIGTERM') return;
    for (const [, other] of stages) other.kill('SIGTERM');
    throw new Error(`pipeline stage ${name} (pid ${stage.pid}) failed ` +
      `with ${signal === null ? `code ${code}` : `signal ${signal}`}`);
  }));
  failed.catch(() => {});
  // Main reads the last stage's stdout until EOF, then checks the exits.
  const squares: number[] = [];
  for await (const line of createInterface({ input: second.stdout! })) {
    squares.push(Number(line));
  }
  await failed;
  return squares;
}

// Main prints what arrives, then 'End' as the book does after EOFError.
export async function main(): Promise<number[]> {
  const squares = await runPipeline();
  console.log([...squares, 'End'].join('\n'));
  return squares;
}

// Every process runs this file; its role says which part is its own.
const role = childRole(import.meta.url);
const [arg1, arg2] = childArgs().map(Number);
if (role !== undefined) stageSetup();
if (role === 'create_items') await createItems(arg1!, arg2!);
else if (role === 'multiply_items') await multiplyItems(arg1!);
else if (isEntry(import.meta.url)) await main();

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
