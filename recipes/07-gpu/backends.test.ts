import { expect, test } from 'vitest';
import {
  BackendUnavailable,
  choose,
  ENV,
  pickBest,
  requestedBackend,
  type Probe,
} from './backends.ts';

test('the flag wins over the env var; best is the default', () => {
  const env = { [ENV]: 'webgpu' };
  expect(requestedBackend(['node', 'x.ts'], {})).toBe('best');
  expect(requestedBackend(['node', 'x.ts'], env)).toBe('webgpu');
  expect(requestedBackend(['x', '--backend', 'cpu'], env)).toBe('cpu');
  expect(requestedBackend(['x', '--backend=webasm'], env)).toBe('webasm');
  expect(() => requestedBackend(['x', '--backend', 'cuda'], {}))
    .toThrow(BackendUnavailable);
});

test('best takes real hardware only, and says why not the rest', () => {
  const p = (backend: Probe['backend'], software: boolean,
    missing?: string): Probe => ({ backend, device: 'd', software,
    ...(missing ? { missing } : {}) });
  expect(pickBest([p('webgpu', true), p('headlessgl', true, 'no X')]))
    .toEqual({ backend: 'webasm', passedOver: [
      'webgpu: d renders on the CPU, slower than webasm',
      'headlessgl: no X'] });
  expect(pickBest([p('webgpu', true), p('headlessgl', false)]).backend)
    .toBe('headlessgl');
  expect(pickBest([p('webgpu', false), p('headlessgl', false)]).backend)
    .toBe('webgpu');
});

test('a named backend that cannot run is an error, not a fallback',
  async () => {
    const saved = process.env['DISPLAY'];
    delete process.env['DISPLAY'];
    try {
      // Without a display headless-gl can never run.
      await expect(choose('headlessgl')).rejects.toThrow(/not available/);
    } finally {
      if (saved !== undefined) process.env['DISPLAY'] = saved;
    }
    expect((await choose('cpu')).backend).toBe('cpu');
  });
