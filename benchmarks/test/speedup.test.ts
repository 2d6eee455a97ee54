import { expect, test } from 'vitest';
import { familyOf, speedupReference, workersOf } from '../src/suite.ts';

const names = [
  'impl=serial',
  'impl=piscina/workers=2',
  'peer=python-serial/size=small',
  'peer=python-threads/workers=2/size=small',
  'peer=python-processes/workers=2/size=small',
].map((name) => ({ name }));

test('Node variants are measured against serial Node', () => {
  expect(speedupReference(names[1]!, names)?.name).toBe('impl=serial');
});

test('peers are measured against their own serial peer', () => {
  for (const peer of names.slice(3)) {
    expect(speedupReference(peer, names)?.name)
      .toBe('peer=python-serial/size=small');
  }
});

test('no serial peer: no speed-up reference', () => {
  const list = names.filter((n) => n.name !== 'peer=python-serial/size=small');
  expect(speedupReference(list[2]!, list)).toBeUndefined();
});

test('names parse', () => {
  expect(familyOf('peer=python-threads/workers=2')).toBe('python');
  expect(familyOf('impl=serial')).toBe('node');
  expect(workersOf('impl=piscina/workers=12/x=1')).toBe(12);
  expect(workersOf('impl=piscina/workers=12x')).toBeUndefined();
});

test('a contended impl is measured against the same impl on one thread',
  () => {
    const list = ['impl=atomics-add/threads=1', 'impl=mutex/threads=1',
      'impl=mutex/workers=2', 'impl=other/workers=2'].map((name) => ({ name }));
    expect(speedupReference(list[2]!, list)?.name)
      .toBe('impl=mutex/threads=1');
    expect(speedupReference(list[3]!, list)?.name)
      .toBe('impl=atomics-add/threads=1');
  });
