import { expect, test } from 'vitest';
import { KERNEL_CLASS } from './backends.ts';
import { main } from './01-what-can-run.ts';

test('every backend that runs reports its own kernel class', async () => {
  const { rows, best, passedOver } = await main();
  expect(rows.map((r) => r.backend))
    .toEqual(['cpu', 'webasm', 'headlessgl', 'webgpu']);
  // cpu and webasm need nothing but Node: they always run.
  for (const r of rows.slice(0, 2)) expect(r.ranOn).not.toBe('');
  for (const r of rows) {
    if (r.missing) {
      expect(r.ranOn).toBe('');
      continue;
    }
    // The class that ran is the one asked for: no silent fallback.
    expect(r.ranOn).toBe(KERNEL_CLASS[r.backend]);
    expect(r.correct).toBe(true);
  }
  // best never picks a software renderer over webasm.
  const pick = rows.find((r) => r.backend === best);
  expect(pick?.missing).toBeUndefined();
  if (best === 'webasm') expect(passedOver).toHaveLength(2);
  else expect(pick?.software).toBe(false);
}, 60_000);
