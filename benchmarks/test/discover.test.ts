/** Which bench files a target names. */
import { expect, test } from 'vitest';
import { allBenchFiles, resolveTarget } from '../src/discover.ts';

test('a bench file without a recipe twin is found by its own id', () => {
  const own = allBenchFiles().find((f) => f.recipe === 'threads/startup');
  expect(own?.file).toMatch(/26-startup\.bench\.ts$/);
  const target = resolveTarget('threads/startup');
  expect(target.kind === 'files' && target.files).toEqual([own]);
});

test('a chapter names every bench file in it, in file order', () => {
  const target = resolveTarget('threads');
  const files = target.kind === 'files' ? target.files.map((f) => f.file)
    : [];
  expect(files.length).toBeGreaterThan(2);
  expect(files).toEqual([...files].sort());
});
