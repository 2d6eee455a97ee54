import { expect, test } from 'vitest';
import { main, VALUES } from './05-ipc-serialization.ts';

test('advanced keeps what JSON loses; neither keeps a class', async () => {
  const { json, advanced } = await main();
  expect(json['bigint']).toMatch(/^cannot be sent/);
  expect(json['Map']).toBe('becomes {}');
  expect(json['Date']).toBe('becomes a string');
  expect(json['NaN']).toBe('becomes null');
  for (const name of Object.keys(VALUES)) {
    if (name === 'class instance') continue;
    expect(advanced[name], name).toBe('survives');
  }
  expect(advanced['class instance']).toBe('becomes {"x":1,"y":2}');
  expect(json['class instance']).toBe('becomes {"x":1,"y":2}');
}, 60_000);
