import { expect, test } from 'vitest';
import { main, NEXT } from './03-state-machine.ts';

test('the log is the walk the draws dictate, ending in End State',
  async () => {
    const { draws, log } = await main();
    // Replay the book's transition table with the recorded draws.
    let at = 'Start State';
    const expected: string[] = [];
    for (const bit of draws) {
      const next = NEXT[at]![bit]!;
      expected.push(`${at} calling ${next} with transition value = ${bit}`);
      at = next;
    }
    expect(at).toBe('End State');
    expect(log).toEqual(expected);
    expect(draws.length).toBeGreaterThan(1);
  });
