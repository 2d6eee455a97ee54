import { expect, test } from 'vitest';
import { main } from './06-coroutines.ts';

test('iterator, generator and coroutine behave as in the book', async () => {
  const { iterated, generated, said, afterClose } = await main();
  expect(iterated).toEqual([0, 1, 2]);
  expect(generated).toEqual([2, 1, 0]);
  expect(said).toEqual([
    'Please talk to me!',
    'Oh no: I found a Ruby again!',
    'Oh no: I found a Ruby again!',
    'Ok, ok: I am quitting.',
  ]);
  expect(afterClose).toEqual({ done: true, value: undefined });
});
