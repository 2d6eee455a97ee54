import { expect, test } from 'vitest';
import { main } from './02-object-storage.ts';

test('the uploaded page is read back over plain HTTP, as uploaded',
  async () => {
  const result = await main();
  expect(result.status).toBe(200);
  expect(result.body).toBe('Hi there!');
  expect(result.contentType).toMatch(/^text\/html/);
  });
