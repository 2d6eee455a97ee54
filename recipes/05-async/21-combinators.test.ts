import { expect, test } from 'vitest';
import { main } from './21-combinators.ts';

test('each combinator settles at its own moment, with its own outcome',
  async () => {
    const { runs } = await main();
    expect(runs).toEqual({
      // First failure rejects; A and C still run to the end.
      'all': ['B failed', '(all settles)', 'A done', 'C done',
        'rejected: Error: B failed'],
      'allSettled': ['B failed', 'A done', 'C done', '(allSettled settles)',
        'resolved: ["fulfilled","rejected","fulfilled"]'],
      'any': ['B failed', 'A done', '(any settles)', 'C done',
        'resolved: "A"'],
      'race': ['B failed', '(race settles)', 'A done', 'C done',
        'rejected: Error: B failed'],
      // The errors come in input order, not in the order they happened.
      'any-all-fail': ['B failed', 'A done', 'C done',
        '(any-all-fail settles)',
        'rejected: AggregateError [no, B failed, no]'],
      'race-empty': ['still pending after 50 ms'],
    });
  });
