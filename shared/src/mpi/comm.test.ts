import { describe, expect, test } from 'vitest';
import {
  DeadlockError,
  MpiJobError,
  mpiRun,
  type TransportName,
} from './index.ts';

const PROGRAM = new URL('./fixtures/program.ts', import.meta.url);
// A short deadlock bound for the deadlock tests; the default elsewhere.
const run = (c: string, transport: TransportName = 'sab', n = 4) =>
  mpiRun<Record<string, unknown>>(PROGRAM, n, {
    transport, args: { case: c },
    ...(c === 'deadlock' ? { deadlockMs: 500 } : {}),
  });

type Any = Record<string, any>; // eslint-disable-line

// What every rank of the 'all' case must return, on every transport.
function checkAll(results: Any[]): void {
  const size = results.length;
  results.forEach((r, rank) => {
    expect(r['hello']).toMatchObject({ rank, size });
    const c = r['collectives'];
    expect(c.b).toEqual({ v: 100 });
    expect(c.sc).toBe(rank * rank);
    expect(c.g).toEqual(rank === size - 1 ? [1, 2, 3, 4] : undefined);
    expect(c.ag).toEqual([0, 1, 2, 3]);
    expect(c.a2a).toEqual([0, 1, 2, 3].map((j) => `${j}->${rank}`));
    expect(c.ops).toMatchObject({ sum: 10, prod: 24, max: 3, min: 0,
      land: false, lor: true, maxloc: [1, 1], minloc: [0, 0], vec: [6, 4] });
    expect(c.ops.concat).toBe(rank === 0 ? '0123' : undefined);
    expect(c.scan).toBe(((rank + 1) * (rank + 2)) / 2);
    const b = r['buffers'];
    expect(b.sum0).toBe(10);
    expect(b.sumLast).toBe(999 * 10);
    expect(b.big).toEqual([10, 10]);
    expect(b.odd).toEqual([0, 10, 20, 30, 40, 50, 60].map((x) => x + 3));
    expect(b.part).toEqual([2 * rank, 2 * rank + 1]);
    expect(b.a2a).toEqual([0, 1, 2, 3].map((j) => j * 100 + rank));
    expect(b.bc).toEqual([1, 2, 3, 4]);
    if (rank === 0) {
      expect(b.root).toEqual([0, 0, 1, -1, 2, -2, 3, -3]);
      expect(b.red).toEqual([3, 1, 10]);
    }
    expect(b.swapped).toBe(rank < 2 ? 1 - rank : -1);
    const nb = r['nonblocking'];
    expect(nb.got).toBe(((rank + size - 1) % size) * 10);
    expect(nb.x).toBe((rank + size - 1) % size);
    const t = r['topology'];
    const [row, col] = [rank >> 1, rank & 1];
    expect(t.coords).toEqual([row, col]);
    expect(t.up).toEqual([(rank + 2) % 4, (rank + 2) % 4]); // periodic
    expect(t.side).toEqual([col === 0 ? -1 : rank - 1,
      col === 1 ? -1 : rank + 1]); // a mesh edge is PROC_NULL (-1)
    // split(rank % 2, key = -rank): the higher old rank comes first.
    expect(t.sub).toEqual([rank < 2 ? 1 : 0, 2, rank % 2 === 0 ? 2 : 4]);
  });
  const order = results[1]!['order'];
  expect(order.one).toEqual([...Array(50).keys()]);
  expect(order.two).toEqual([...Array(50).keys()].map((i) => -i - 1));
  expect(results[0]!['anySource']).toEqual([[1, 1, 11], [2, 2, 12],
    [3, 3, 13]]);
}

describe.each(['sab', 'port', 'unix'] as const)('transport %s', (t) => {
  test('point to point, collectives, buffers and topology', async () => {
    const results = await run('all', t);
    checkAll(results as Any[]);
    expect(results[0]!['hello']).toMatchObject({ transport: t });
  });
});

test('shared-window allreduces back to back, sizes and groups changing, '
  + 'are exact (no barrier after the last copy)', async () => {
  for (const n of [2, 3, 6]) {
    expect(await run('windows', 'sab', n)).toEqual(Array(n).fill(0));
  }
});

test('a rank that throws aborts the job with its error', async () => {
  const error = await run('throws').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MpiJobError);
  expect((error as MpiJobError).rank).toBe(2);
  expect(String(error)).toMatch(/rank 2 failed: Error: rank two gives up/);
});

test.each(['sab', 'tcp'] as const)(
  'a receive that can never match is reported as a deadlock (%s)',
  async (t) => {
    const error = await run('deadlock', t).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlockError);
    expect((error as DeadlockError).blocked).toEqual([
      { rank: 1, op: 'recv', peer: 2, tag: 7 },
      { rank: 2, op: 'recv', peer: 1, tag: 8 },
    ]);
    expect((error as Error).message).toBe('deadlock: ' +
      'rank 1 waits in recv(source=2, tag=7); ' +
      'rank 2 waits in recv(source=1, tag=8)');
  });

test('scatter with the wrong number of items fails like mpi4py', async () => {
  await expect(run('badScatter')).rejects.toThrow(
    'rank 0 failed: MpiError: scatter: expecting 4 items, got 3');
});
