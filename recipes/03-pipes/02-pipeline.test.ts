import { fork } from 'node:child_process';
import { expect, test } from 'vitest';
import { isAlive as alive, TSX_EXEC_ARGV } from '@cookbook/shared';
import { COUNT, main, runPipeline } from './02-pipeline.ts';

async function allGone(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + 10_000;
  while (pids.some(alive) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return pids.filter(alive);
}

test('the squares of 0..9 arrive in order, then the end', async () => {
  const squares = await main();
  expect(squares).toEqual(Array.from({ length: COUNT }, (_, i) => i * i));
}, 60_000);

test('a stage that crashes is named; the others are stopped', async () => {
  let pids: number[] = [];
  const run = runPipeline({ count: 1_000_000, crashAt: 5,
    onStart: (p) => (pids = p) });
  await expect(run).rejects.toThrow(
    /^pipeline stage multiply_items \(pid \d+\) failed with code 1$/);
  expect(pids).toHaveLength(2);
  expect(await allGone(pids)).toEqual([]);
}, 60_000);

test('killing the parent leaves no stage behind', async () => {
  // A parent running an endless, slow pipeline; it tells us the pids.
  const module = new URL('./02-pipeline.ts', import.meta.url).href;
  const script = `import { runPipeline } from '${module}';
    await runPipeline({ count: 1e9, pauseMs: 20,
      onStart: (pids) => process.send(pids) });`;
  const parent = fork('--input-type=module', [], {
    execArgv: [...TSX_EXEC_ARGV, '--input-type=module', '-e', script],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pids = await new Promise<number[]>((resolve) =>
    parent.once('message', (m) => resolve(m as number[])));
  expect(pids.every(alive)).toBe(true);
  parent.kill('SIGKILL');
  expect(await allGone(pids)).toEqual([]);
}, 60_000);
