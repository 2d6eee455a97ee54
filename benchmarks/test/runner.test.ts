import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runSuite } from '../src/runner.ts';
import { suite } from '../src/suite.ts';

const POOL = new URL('../peers/python/pool_cpu.py', import.meta.url);
const hasPython = existsSync(process.env['BENCH_PYTHON'] ??
  '/usr/bin/python3');

describe('the run loop', () => {
  test('warmup is discarded; rounds interleave every variant', async () => {
    const log: string[] = [];
    const s = suite('Order', { runs: 4, warmup: 2 })
      .add('v=a', () => void log.push('a'))
      .add('v=b', () => void log.push('b'))
      .add('v=c', () => void log.push('c'));
    // A constant `random` reverses the order, so order is checkable.
    const r = await runSuite(s, { random: () => 0, peers: false });
    expect(log).toHaveLength(18);
    for (let round = 0; round < 6; round++) {
      expect(log.slice(round * 3, round * 3 + 3).sort()).toEqual(
        ['a', 'b', 'c']);
    }
    expect(r.variants.map((v) => v.samples.length)).toEqual([4, 4, 4]);
  });

  test('setup and teardown run outside the timed region, in order',
    async () => {
      const log: string[] = [];
      const s = suite('Hooks', { runs: 2, warmup: 0,
        before: () => void log.push('suite-before'),
        after: () => void log.push('suite-after') })
        .add('v=a', () => void log.push('run-a'), {
          before: () => void log.push('a-before'),
          after: () => void log.push('a-after') })
        .add('v=b', () => void log.push('run-b'), {
          before: () => void log.push('b-before'),
          after: () => void log.push('b-after') });
      await runSuite(s, { random: () => 0.99 });
      expect(log).toEqual(['suite-before', 'a-before', 'b-before',
        'run-a', 'run-b', 'run-a', 'run-b', 'b-after', 'a-after',
        'suite-after']);
    });

  test('ops turns a run into time per operation', async () => {
    const s = suite('Ops', { runs: 1, warmup: 0 })
      .add('v=a', () => new Promise((r) => setTimeout(r, 20)), { ops: 10 });
    const [v] = (await runSuite(s)).variants;
    expect(v!.ops).toBe(10);
    expect(v!.samples[0]).toBeGreaterThan(1.5e6);
    expect(v!.samples[0]).toBeLessThan(20e6);
  });

  test('a variant that times itself reports its own ns and answer',
    async () => {
      const s = suite('Self', { runs: 2, warmup: 0 })
        .add('v=plain', () => [7])
        .add('v=self', async () => {
          await new Promise((r) => setTimeout(r, 20));
          return { ns: 1234, answer: [7] };
        }, { timesItself: true, ops: 2 });
      const [, self] = (await runSuite(s)).variants;
      expect(self!.samples).toEqual([617, 617]);
      const bad = suite('Bad', { runs: 1, warmup: 0 })
        .add('v=self', () => 5, { timesItself: true });
      await expect(runSuite(bad)).rejects.toThrow(
        'v=self: times itself but returned 5, not { ns, answer }');
    });

  test('a fast wrong answer fails the run, naming suite and variant',
    async () => {
      let torndown = false;
      const s = suite('Answers', { runs: 3, after: () => { torndown = true; } })
        .add('impl=right', () => [1, 2, 3])
        .add('impl=wrong', () => [1, 2, 4]);
      await expect(runSuite(s)).rejects.toThrow(
        'Answers/impl=wrong: wrong answer [1,2,4], baseline impl=right ' +
          'gave [1,2,3]');
      expect(torndown).toBe(true);
    });

  test('answer maps results; check may loosen equality', async () => {
    const s = suite('Close', {
      runs: 1, warmup: 0,
      answer: (r) => (r as { sum: number }).sum,
      check: (a, b) => Math.abs((a as number) - (b as number)) < 1e-9,
    })
      .add('impl=a', () => ({ sum: 0.1 + 0.2, noise: 1 }))
      .add('impl=b', () => ({ sum: 0.3, noise: 2 }));
    await expect(runSuite(s)).resolves.toBeDefined();
  });

  test('a variant that throws fails the run with one line', async () => {
    const s = suite('Throws', { runs: 1 })
      .add('impl=ok', () => 1)
      .add('impl=bad', () => { throw new Error('boom\nmore'); });
    await expect(runSuite(s)).rejects.toThrow(/^Throws\/impl=bad threw: boom$/);
  });

  test('the filter keeps the baseline', async () => {
    const s = suite('Filter', { runs: 1, warmup: 0 })
      .add('impl=a', () => 1).add('impl=b', () => 1).add('impl=c', () => 1);
    const r = await runSuite(s, { filter: /impl=c/ });
    expect(r.variants.map((v) => v.name)).toEqual(['impl=a', 'impl=c']);
  });

  test('names are checked where the suite is declared', () => {
    expect(() => suite('lower')).toThrow(/upper-case/);
    expect(() => suite('S').add('a b', () => 1)).toThrow(/without spaces/);
    expect(() => suite('S').peer('peer=x', { script: 'x.py' }))
      .toThrow(/baseline/);
  });

  test('ops must be whole: the Go format cannot hold 0.25 operations', () => {
    expect(() => suite('S').add('impl=a', () => 1, { ops: 0.25 }))
      .toThrow('S/impl=a: ops must be a whole number >= 1, got 0.25');
    expect(() => suite('S').add('impl=a', () => 1, { ops: 64 })).not.toThrow();
  });
});

describe('Python peers', () => {
  test('a missing module skips the peer with the apt package', async () => {
    const s = suite('Skip', { runs: 1, warmup: 0 })
      .add('impl=js', () => 1)
      .peer('peer=python-mpi', { script: POOL,
        modules: ['no_such_module_xyz'] });
    const r = await runSuite(s);
    const why = r.variants[1]!.skipped ?? '';
    expect(why).toMatch(hasPython
      ? /lacks module no_such_module_xyz \(apt install python3-no_such/
      : /not found/);
  });

  test.skipIf(!hasPython)('protocol end to end: pool_cpu.py answers like ' +
    'the JS baseline and is timed by itself', async () => {
    const LIMIT = 5_000;
    const count = (): number => {
      let c = 0;
      for (let n = 2; n < LIMIT; n++) {
        let prime = true;
        for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
        if (prime) c++;
      }
      return c;
    };
    const s = suite('Primes', { runs: 3, warmup: 1 })
      .add('impl=js', count)
      .peer('peer=python-pool/workers=2', { script: POOL, runs: 2,
        args: ['--workers', '2', '--limit', String(LIMIT)] })
      .peer('peer=python-wrong', { script: POOL, runs: 1,
        args: ['--workers', '1', '--limit', String(LIMIT + 100)] });
    await expect(runSuite(s)).rejects.toThrow(
      new RegExp('^Primes/peer=python-wrong: wrong answer 681, ' +
        'baseline impl=js gave 669$'));
    const ok = suite('Primes', { runs: 3, warmup: 1 })
      .add('impl=js', count)
      .peer('peer=python-pool/workers=2', { script: POOL, runs: 2,
        args: ['--workers', '2', '--limit', String(LIMIT)] });
    const r = await runSuite(ok);
    const peer = r.variants[1]!;
    expect(peer).toMatchObject({ peer: true, workers: 2 });
    expect(peer.samples).toHaveLength(2);
    // Self-timed: far below Python's ~20 ms start-up plus a pool start.
    expect(Math.min(...peer.samples)).toBeGreaterThan(0);
  });
});
