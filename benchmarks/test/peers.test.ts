/**
 * Every Python peer answers the protocol with the right answer, on tiny
 * inputs. A peer whose modules /usr/bin/python3 lacks is skipped, with
 * the apt package to install in the test's name (.ci/run installs them).
 */
import { describe, expect, test } from 'vitest';
import { PeerProcess, peerSkipReason } from '../src/peers.ts';
import type { PeerOptions } from '../src/suite.ts';

const script = (name: string): URL =>
  new URL(`../peers/python/${name}`, import.meta.url);

interface Case {
  peer: PeerOptions;
  answer: unknown;
}

// Each answer is computed here, independently of the script.
const sum = (n: number): number => (n * (n - 1)) / 2;
const cases: Record<string, Case> = {
  pipe_roundtrip: {
    peer: { script: script('pipe_roundtrip.py'), args: ['--messages', '50'] },
    answer: sum(50),
  },
  pool_cpu: {
    peer: { script: script('pool_cpu.py'),
      args: ['--workers', '2', '--limit', '1000'] },
    answer: 168, // primes below 1000
  },
  count_loop: {
    peer: { script: script('count_loop.py'),
      args: ['--mode', 'processes', '--workers', '2', '--iterations', '100'] },
    answer: { iterations: 100,
      results: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000] },
  },
  mpi_pingpong: {
    peer: { script: script('mpi_pingpong.py'), modules: ['mpi4py'],
      args: ['--messages', '50'] },
    answer: sum(50),
  },
  mpi_pingpong_buffer: {
    peer: { script: script('mpi_pingpong.py'), modules: ['mpi4py'],
      args: ['--messages', '50', '--size', '8', '--mode', 'buffer'] },
    answer: sum(50),
  },
  mpi_allreduce_buffer: {
    // x[i] = (i % 1000) + rank on 2 ranks: 2 (i % 1000) + 1.
    peer: { script: script('mpi_allreduce_buffer.py'), modules: ['mpi4py'],
      args: ['--workers', '2', '--n', '1000'] },
    answer: [1, 1999],
  },
  mpi_allreduce: {
    peer: { script: script('mpi_allreduce.py'), modules: ['mpi4py'],
      args: ['--workers', '2', '--n', '1000'] },
    answer: sum(1000),
  },
  pyro_calls: {
    peer: { script: script('pyro_calls.py'), modules: ['Pyro4'],
      args: ['--calls', '20'] },
    answer: sum(20),
  },
  celery_tasks: {
    peer: { script: script('celery_tasks.py'), modules: ['celery'],
      args: ['--workers', '2', '--tasks', '10'] },
    answer: [...Array(10).keys()].reduce((a, i) => a + i * i, 0),
  },
};

describe('python peers', () => {
  for (const [name, { peer, answer }] of Object.entries(cases)) {
    const skip = peerSkipReason(peer);
    test.skipIf(skip !== undefined)(
      skip ? `${name} (skipped: ${skip})` : name, async () => {
        const peerProcess = new PeerProcess(peer);
        try {
          for (let run = 0; run < 2; run++) {
            const reply = await peerProcess.run();
            expect(reply.answer).toEqual(answer);
            expect(reply.ns).toBeGreaterThan(0);
          }
        } finally {
          await peerProcess.close();
        }
      }, 60_000);
  }
});
