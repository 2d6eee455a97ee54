import os from 'node:os';
import { expect, test } from 'vitest';
import { main } from './07-environment.ts';

test('the machine lines describe this process and this machine',
  async () => {
    const { machine, executable } = await main();
    expect(machine['node']).toBe(process.version);
    expect(machine['v8']).toBe(process.versions.v8);
    expect(machine['cores']).toBe(String(os.cpus().length));
    expect(machine['available-parallelism'])
      .toBe(String(os.availableParallelism()));
    expect(executable).toBe(process.execPath);
  });

test('package versions are the installed ones, not the ranges', async () => {
  const { packages } = await main();
  // The project pins vitest 4 (vitest 5 needs Node 22) and ws 8.
  expect(packages['vitest']).toMatch(/^4\.\d+\.\d+$/);
  expect(packages['ws']).toMatch(/^8\.\d+\.\d+$/);
  for (const version of Object.values(packages)) {
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  }
});
