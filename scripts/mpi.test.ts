/** `npm run mpi`, and the same recipes under Open MPI's mpirun. */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { $ } from 'zx';

const MPI = new URL('./mpi.ts', import.meta.url).pathname;
const TSX = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
const ROOT = new URL('../', import.meta.url).pathname;

async function mpi(...args: string[]) {
  const quietly = $({ nothrow: true, quiet: true, timeout: '90s', cwd: ROOT });
  const out = await quietly`${TSX} ${MPI} ${args}`;
  return { code: out.exitCode, stdout: out.stdout, stderr: out.stderr };
}

const sorted = (s: string): string[] => s.trim().split('\n').sort();

describe('npm run mpi', () => {
  test('-n 10 messaging/scatter prints the book\'s scatter result',
    async () => {
      const { code, stdout } = await mpi('-n', '10', 'messaging/scatter');
      expect(code).toBe(0);
      expect(sorted(stdout)).toEqual(Array.from({ length: 10 },
        (_, r) => `process = ${r} variable shared  = ${r + 1}`).sort());
    }, 100_000);

  test.each([{ how: [] }, { how: ['--procs'] }])(
    'a wrong rank count is one clear line and exit 1 ($how)',
    async ({ how }) => {
      const { code, stdout, stderr } = await mpi('-n', '3', ...how,
        'scatter');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim()).toBe('mpi: rank 0 failed: MpiError: scatter: ' +
        'expecting 3 items, got 10');
    }, 100_000);

  test('--procs runs the ranks as processes over TCP', async () => {
    const { code, stdout } = await mpi('-n', '3', '--procs',
      'messaging/gather');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'rank = 0 ...receiving data to other process',
      ' process 0 receiving 4 from process 1',
      ' process 0 receiving 9 from process 2',
    ]);
  }, 100_000);

  test('bad arguments: usage and exit 2, no stack trace', async () => {
    for (const args of [['-n', '0', 'hello'], ['-n', '2', 'no-such-thing'],
      ['-n', '2', '--transport', 'carrier-pigeon', 'hello'], []]) {
      const { code, stderr } = await mpi(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^mpi: |^usage: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  }, 100_000);
});

function has(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Open MPI starts two node processes; they find each other over TCP.
const noMpirun = has('mpirun') ? ''
  : ' (skipped: no mpirun; apt-get install openmpi-bin)';
test.skipIf(!!noMpirun)(`mpirun -np 2 runs the ping-pong recipe${noMpirun}`,
  async () => {
    const quietly = $({ nothrow: true, quiet: true, timeout: '90s',
      cwd: ROOT });
    const args = ['--allow-run-as-root', '--oversubscribe', '-np', '2',
      '--mca', 'btl', 'self,vader', '--mca', 'oob_tcp_if_include', 'lo',
      'node', '--import', 'tsx', 'recipes/04-messaging/11-ping-pong.ts'];
    const out = await quietly`mpirun ${args}`;
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^ {6}8 B: round trip .* \(tcp\)$/);
    expect(lines[3]).toMatch(/^1048576 B: round trip .* \(tcp\)$/);
  }, 100_000);

// Several hosts, played by three loopback addresses: rank 0 listens on
// MPI_ADDRESS, each rank on its own MPI_HOST, as on a real cluster.
test('ranks on different addresses meet through MPI_ADDRESS', async () => {
  const { spawn } = await import('node:child_process');
  const { exited } = await import('../shared/src/processes.ts');
  const port = 20_000 + (process.pid % 10_000);
  const children = [0, 1, 2].map((rank) => spawn(process.execPath,
    ['--import', 'tsx', 'recipes/04-messaging/06-gather.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, MPI_RANK: String(rank), MPI_SIZE: '3',
        MPI_ADDRESS: `127.0.0.2:${port}`, MPI_HOST: `127.0.0.${3 + rank}` },
    }));
  let out = '';
  children[0]!.stdout!.setEncoding('utf8').on('data', (s) => (out += s));
  try {
    const ends = await Promise.all(children.map((c) => exited(c)));
    expect(ends.map((e) => e.code)).toEqual([0, 0, 0]);
    expect(out.trim().split('\n')).toEqual([
      'rank = 0 ...receiving data to other process',
      ' process 0 receiving 4 from process 1',
      ' process 0 receiving 9 from process 2',
    ]);
  } finally {
    for (const c of children) c.kill();
  }
}, 100_000);
