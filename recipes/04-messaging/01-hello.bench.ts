/**
 * Launch: `npm run mpi -- -n 10 messaging/hello`, start to exit, next to
 * `mpirun -np 10` of an mpi4py hello world (the book's
 * helloworld_MPI.py). Each run starts every rank from nothing.
 */
import { spawn } from 'node:child_process';
import { smokeSize, suite } from '@cookbook/bench';
import { TSX_EXEC_ARGV } from '@cookbook/shared';

const RANKS = smokeSize(10, 2);
const MPI = new URL('../../scripts/mpi.ts', import.meta.url).pathname;
const PEER = new URL(
  '../../benchmarks/peers/python/mpi_hello_launch.py', import.meta.url);

// Runs a command; resolves with the number of "hello world" lines.
function hellos(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_EXEC_ARGV, ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0
      ? resolve(out.split('hello world').length - 1)
      : reject(new Error(`npm run mpi exited with ${code}`))));
  });
}

export default suite('Launch', { runs: 5, meta: { ranks: RANKS } })
  .add('impl=npm-run-mpi', () => hellos([MPI, '-n', String(RANKS),
    'messaging/hello']))
  .add('impl=npm-run-mpi/procs', () => hellos([MPI, '-n', String(RANKS),
    '--procs', 'messaging/hello']))
  .peer('peer=mpirun-mpi4py', { script: PEER, modules: ['mpi4py'],
    args: ['--ranks', String(RANKS)] });
