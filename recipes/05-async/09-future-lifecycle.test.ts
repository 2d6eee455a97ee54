import { expect, test } from 'vitest';
import { TimeoutError } from '@cookbook/shared/futures';
import { main } from './09-future-lifecycle.ts';

test('the future answers as in the book, at every step', async () => {
  const { session } = await main();
  const questions = session.map(([q]) => q);
  const answers = session.map(([, a]) => a);
  expect(questions).toEqual([
    'fut.running()', 'fut.done()', 'fut.result(0)', 'queued.cancel()',
    'queued.cancelled()', 'await fut.result()', 'fut.done()',
    'fut.running()', 'fut.cancelled()', 'fut.cancel()',
    'await fut.exception()', 'await bad.exception()',
  ]);
  expect(answers[2]).toBeInstanceOf(TimeoutError);
  expect(answers.slice(0, 2)).toEqual([true, false]);
  expect(answers.slice(3)).toEqual([
    true, true, 39088169, true, false, false, false, undefined,
    expect.objectContaining({ name: 'RangeError' }),
  ]);
}, 60_000);
