// The rank program of cluster-cloud/srun-ranks: every task srun starts
// runs it. The communicator reads its rank and the job's size from
// Slurm's SLURM_PROCID and SLURM_NTASKS, finds the others over TCP, and
// the ranks then talk: an allreduce and a ring of sends.
import { hostname } from 'node:os';
import { inRank, runRank, SUM, type Comm } from '@cookbook/shared/mpi';

async function body(comm: Comm): Promise<void> {
  // Every rank contributes rank + 1; every rank gets the total.
  const total = await comm.allreduce(comm.rank + 1, { op: SUM });
  // Each rank passes its rank to the next one round the ring.
  const next = (comm.rank + 1) % comm.size;
  const prev = (comm.rank + comm.size - 1) % comm.size;
  const [, fromPrev] = await Promise.all([
    comm.send(comm.rank, { dest: next, tag: 7 }),
    comm.recv<number>({ source: prev, tag: 7 }),
  ]);
  console.log(`rank ${comm.rank} of ${comm.size} on ${hostname()}: ` +
    `allreduce = ${total}, got ${fromPrev} from rank ${prev}`);
}

if (inRank()) await runRank(body);
