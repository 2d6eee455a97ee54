import { expect, test } from 'vitest';
import { main } from './05-discovery.ts';

const ADD = ['test_add_floats', 'test_add_integers',
  'test_add_integers_zero', 'test_add_strings'];
const DIVIDE = ['test_divide_integers_even',
  'test_divide_integers_repetant'];

test('both runners discover the book\'s tests and filter by name',
  async () => {
    const { vitestAll, vitestFiltered, nodeAll, nodeFiltered } =
      await main();
    // vitest: six functions, one class method (not `ignored`), test_sum.
    expect([...vitestAll.passed].sort()).toEqual([...ADD, ...DIVIDE,
      'TestSuite test_mult', 'test_sum'].sort());
    expect(vitestAll.failed).toEqual([]);
    expect([...vitestFiltered.passed].sort()).toEqual(ADD);
    expect(vitestFiltered.skipped).toHaveLength(4);
    // node:test: the same six functions, the same selection.
    expect([...nodeAll.passed].sort()).toEqual([...ADD, ...DIVIDE].sort());
    expect([...nodeFiltered.passed].sort()).toEqual(ADD);
    expect([...nodeFiltered.skipped].sort()).toEqual(DIVIDE);
  }, 90_000);
