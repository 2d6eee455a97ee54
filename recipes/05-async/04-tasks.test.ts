import { expect, test } from 'vitest';
import { main } from './04-tasks.ts';

test('the three tasks take turns, round robin, and finish right',
  async () => {
    const { steps, factorial, fibonacci, binomial } = await main();
    expect([factorial, fibonacci, binomial]).toEqual([3628800, 55, 184756]);

    // Turn t of each task follows turn t of the one before it; the
    // factorial has one step fewer (2..10), so it drops out first.
    const queues = [
      Array.from({ length: 9 }, (_, i) => `factorial(${i + 2})`),
      Array.from({ length: 10 }, (_, i) => `fibonacci(${i})`),
      Array.from({ length: 10 }, (_, i) => `binomial_coefficient(${i + 1})`),
    ];
    const roundRobin: string[] = [];
    for (let turn = 0; turn < 10; turn++) {
      for (const q of queues) if (q[turn]) roundRobin.push(q[turn]!);
    }
    expect(steps).toEqual(roundRobin);
  });
