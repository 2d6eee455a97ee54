/**
 * PingPong (8 B round trips) and Bandwidth (1 KB to 64 MB) between two
 * ranks, on each transport, next to mpi4py on Open MPI (shared memory)
 * and a raw `postMessage` round trip to a worker. The ranks start once
 * per suite, outside the clock (see 11-ping-pong.task.ts), and time
 * themselves as the mpi4py peers do: rank 0's clock starts once both
 * ranks are awake and warm (see `Job.timed` in shared/src/mpi/job.ts).
 */
import { Worker } from 'node:worker_threads';
import {
  isSmoke,
  smokeSize,
  suite,
  type Suite,
  type SuiteOptions,
} from '@cookbook/bench';
import { startJob, type Job, type TransportName } from '@cookbook/shared/mpi';

const TASK = new URL('./11-ping-pong.task.ts', import.meta.url);
const PINGPONG = new URL(
  '../../benchmarks/peers/python/mpi_pingpong.py', import.meta.url);
const TRANSPORTS: TransportName[] = ['sab', 'port', 'tcp'];
const KB = 1024;
const MB = 1024 * KB;

// One job per transport, started in a suite's `before`.
function jobHooks(jobs: Map<string, Job>): SuiteOptions {
  return {
    before: async () => {
      for (const t of TRANSPORTS) {
        const job = startJob(TASK, 2, { transport: t });
        await job.request({ op: 'pingpong', bytes: 8, trips: 10 }); // warm
        jobs.set(t, job);
      }
    },
    after: async () => {
      for (const job of jobs.values()) await job.close();
      jobs.clear();
    },
  };
}

// Raw postMessage: main -> worker -> main, the floor for the port path.
const ECHO = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => parentPort.postMessage(m));`;
async function rawRoundTrips(echo: Worker, trips: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < trips; i++) {
    total += await new Promise<number>((resolve) => {
      echo.once('message', resolve);
      echo.postMessage(i);
    });
  }
  return total;
}

function pingPongSuite(): Suite {
  const trips = smokeSize(20_000, 20);
  const jobs = new Map<string, Job>();
  let echo: Worker | undefined;
  const s = suite('PingPong', { meta: { bytes: 8 }, ...jobHooks(jobs) });
  for (const t of TRANSPORTS) {
    s.add(`transport=${t}`, () => jobs.get(t)!.timed(
      { op: 'pingpong', bytes: 8, trips }), { ops: trips, timesItself: true });
  }
  s.add('raw=postMessage', () => rawRoundTrips(echo!, trips), {
    ops: trips,
    before: () => {
      echo = new Worker(ECHO, { eval: true });
    },
    after: () => echo?.terminate(),
  });
  s.peer('peer=mpi4py', { script: PINGPONG, modules: ['mpi4py'], ops: trips,
    args: ['--messages', String(trips), '--size', '8', '--mode', 'buffer'] });
  s.peer('peer=mpi4py-pickle', { script: PINGPONG, modules: ['mpi4py'],
    ops: trips, args: ['--messages', String(trips), '--size', '8'] });
  return s;
}

// [suite suffix, bytes, round trips per run]
const SIZES: [string, number, number][] = [
  ['1KB', KB, 2_000], ['64KB', 64 * KB, 500], ['1MB', MB, 50],
  ['16MB', 16 * MB, 4], ['64MB', 64 * MB, 2],
];

function bandwidthSuite(name: string, full: number, fullTrips: number):
Suite {
  const bytes = isSmoke() ? Math.min(full, 64 * KB) : full;
  const trips = smokeSize(fullTrips, 2);
  const jobs = new Map<string, Job>();
  const s = suite(`Bandwidth${name}`, { meta: { bytes },
    ...jobHooks(jobs) });
  for (const t of TRANSPORTS) {
    s.add(`transport=${t}`, () => jobs.get(t)!.timed(
      { op: 'pingpong', bytes, trips }), { ops: trips, timesItself: true });
  }
  s.peer('peer=mpi4py', { script: PINGPONG, modules: ['mpi4py'], ops: trips,
    args: ['--messages', String(trips), '--size', String(bytes),
      '--mode', 'buffer'] });
  return s;
}

export default [
  pingPongSuite(),
  ...SIZES.map(([name, bytes, trips]) => bandwidthSuite(name, bytes, trips)),
];
