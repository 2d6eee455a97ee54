import { expect, test } from 'vitest';
import { calledCommand, handOver, main } from './01-exec.ts';

test('the called program runs in a new process that we wait for', async () => {
  const { code, pid, callerPid } = await main();
  expect(code).toBe(0);
  expect(callerPid).toBe(process.pid);
  expect(pid).not.toBe(process.pid);
  expect(pid).toBeGreaterThan(0);
});

test("the hand-over forwards the called program's exit code", async () => {
  const [command, args] = calledCommand(3);
  await expect(handOver(command, args)).resolves.toMatchObject({ code: 3 });
});

test('a program killed by a signal gives 128 + its number', async () => {
  const script = 'process.kill(process.pid, "SIGTERM")';
  const handed = await handOver(process.execPath, ['-e', script]);
  expect(handed.code).toBe(128 + 15);
});
