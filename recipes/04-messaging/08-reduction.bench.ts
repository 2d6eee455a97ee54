/**
 * Allreduce of 1M float64 on 2 ranks, next to mpi4py's buffer Allreduce
 * on Open MPI: on `sab` our shared-window allreduce, on `port` and `tcp`
 * the ring allreduce (Comm.Allreduce says which runs where). The ranks
 * start once, outside the clock (see 11-ping-pong.task.ts), and time
 * themselves as the mpi4py peer does: rank 0's clock starts once both
 * ranks are awake and warm (see `Job.timed` in shared/src/mpi/job.ts).
 */
import { smokeSize, suite } from '@cookbook/bench';
import { startJob, type Job, type TransportName } from '@cookbook/shared/mpi';

const TASK = new URL('./11-ping-pong.task.ts', import.meta.url);
const PEER = new URL(
  '../../benchmarks/peers/python/mpi_allreduce_buffer.py', import.meta.url);
const TRANSPORTS: TransportName[] = ['sab', 'port', 'tcp'];
const RANKS = 2;
const N = smokeSize(1_000_000, 10_000);

const jobs = new Map<string, Job>();
const s = suite('Allreduce', {
  meta: { items: N, ranks: RANKS },
  before: async () => {
    for (const t of TRANSPORTS) {
      const job = startJob(TASK, RANKS, { transport: t });
      await job.request({ op: 'allreduce', n: N }); // warm, and allocate
      jobs.set(t, job);
    }
  },
  after: async () => {
    for (const job of jobs.values()) await job.close();
    jobs.clear();
  },
});
for (const t of TRANSPORTS) {
  s.add(`transport=${t}`, () => jobs.get(t)!.timed({ op: 'allreduce',
    n: N }), { timesItself: true });
}
s.peer('peer=mpi4py', { script: PEER, modules: ['mpi4py'],
  args: ['--workers', String(RANKS), '--n', String(N)] });

export default s;
