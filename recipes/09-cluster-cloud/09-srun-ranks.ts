/**
 * Leaving one machine: the messaging chapter's ranks under `srun`
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" (beyond the book: MPI jobs
 *          are what HPC clusters run)
 * @covers  none
 * @run     npm run recipe -- cluster-cloud/srun-ranks
 * @needs   slurm
 * @timeout 90000
 * @see     messaging/hello — the same program under `npm run mpi`
 *
 * On a cluster, an MPI program is not started by `mpiexec` on your
 * laptop but by the scheduler: `srun --ntasks=4 prog` starts 4 tasks on
 * the nodes it allocated and sets SLURM_PROCID (0..3) and SLURM_NTASKS
 * in each. Our communicator (`@cookbook/shared/mpi`) reads those, as
 * mpi4py reads them through the MPI library, and the ranks meet over TCP
 * at a port derived from the job and step id. Here the 4 tasks share one
 * node; on a real cluster, set MPI_ADDRESS=<first node>:<port> in the
 * job so ranks on other nodes can reach rank 0. `--overcommit` lets
 * 4 tasks share this machine's 2 CPUs.
 *
 * We run the messaging chapter's hello world unchanged, then a program
 * whose ranks really talk (an allreduce and a ring of sends).
 */
import { fileURLToPath } from 'node:url';
import { $ } from 'zx';
import { isEntry, TSX_EXEC_ARGV } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';

// Four ranks, as the book's mpiexec -n 4. Paths are relative to the
// repository root, where srun starts the tasks (its cwd is inherited).
const TASKS = 4;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HELLO = 'recipes/04-messaging/01-hello.ts';
const TALK = 'recipes/09-cluster-cloud/09-srun-ranks.task.ts';

// What the test checks: each rank's line, so every rank is accounted for.
export interface Result {
  /** What srun collected from every task, sorted. */
  hello: string[];
  talk: string[];
}

// The test passes its own cluster; run by hand, main starts one.
export async function main(given?: SlurmCluster): Promise<Result> {
  const cluster = given ?? await startSlurm();
  const sh = $({ env: cluster.env, cwd: ROOT, quiet: true });
  try {
    // srun blocks until every task has ended, and hands back their output
    // (the task order varies, so we sort it).
    // Each task is node with tsx preloaded, not the tsx CLI, which would
    // start a second process for every rank.
    const srun = async (file: string): Promise<string[]> => {
      const run = await sh`srun --overcommit --ntasks=${TASKS} ${
        process.execPath} ${TSX_EXEC_ARGV} ${file}`;
      return run.stdout.trim().split('\n').sort();
    };
    // First the messaging chapter's hello, unchanged: the same file that
    // `npm run mpi` starts on one machine now runs under the scheduler.
    const shown = (file: string) => file.replace('recipes/', '');
    console.log(`srun --ntasks=${TASKS} node --import tsx ${shown(HELLO)}`);
    const hello = await srun(HELLO);
    for (const line of hello) console.log(`  ${line}`);

    // Then ranks that talk: allreduce sums rank + 1 over all (10), and
    // each passes its rank on round a ring, so rank 0 hears from rank 3.
    console.log(`srun --ntasks=${TASKS} node --import tsx ${shown(TALK)}`);
    const talk = await srun(TALK);
    for (const line of talk) console.log(`  ${line}`);
    return { hello, talk };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// srun --ntasks=4 node --import tsx 04-messaging/01-hello.ts
//   hello world from process 0
//   hello world from process 1
//   hello world from process 2
//   hello world from process 3
// srun --ntasks=4 node --import tsx 09-cluster-cloud/09-srun-ranks.task.ts
//   rank 0 of 4 on {*}: allreduce = 10, got 3 from rank 3
//   rank 1 of 4 on {*}: allreduce = 10, got 0 from rank 0
//   rank 2 of 4 on {*}: allreduce = 10, got 1 from rank 1
//   rank 3 of 4 on {*}: allreduce = 10, got 2 from rank 2
