/**
 * Dependencies when a job fails: afterok stops the chain, afterany not
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using PBS
 * @python  pbs/dag/dag.sh, pbs/dag/job.sh
 * @covers  C10
 * @run     npm run recipe -- cluster-cloud/afterok-chain
 * @needs   slurm
 * @timeout 60000
 * @see     cluster-cloud/dag — the same dependencies when all goes well
 *
 * The book's PBS diamond chains `qsub` calls:
 *
 *   A=$(qsub -N A job.sh)
 *   B=$(qsub -N B -W depend=afterok:$A job.sh)
 *   C=$(qsub -N C -W depend=afterok:$A job.sh)
 *   D=$(qsub -N D -W depend=afterok:$B:$C job.sh)
 *
 * `afterok` means "only if every parent exits 0", so one failure stops
 * everything below it. Here A fails (exit code 2). B waits `afterok` on
 * it, so B can never run: with `--kill-on-invalid-dep=yes` Slurm cancels
 * it (without, it would stay PENDING forever, Reason=
 * DependencyNeverSatisfied). C waits `afterany`, which only needs A to
 * have ended, however it ended: a clean-up or report job. D waits
 * `afterok` on B, so it goes too.
 */
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { sbatch, tsxCommand, waitForJobs } from './slurm-jobs.ts';

// One job program, told how to end: `exit` is the book's sys.exit(2),
// `ok` exits 0. Node, like Python, reports the code to its parent.
const JOB = new URL('./07-exit.task.ts', import.meta.url);

// What the test checks: who ran, who failed, who was cancelled.
export interface Result {
  /** Each job's final state, by name. */
  states: Record<string, string>;
  /** Each job's exit code (`code:signal`), by name. */
  exitCodes: Record<string, string>;
}

// The test passes its own cluster; run by hand, main starts one.
export async function main(given?: SlurmCluster): Promise<Result> {
  const cluster = given ?? await startSlurm();
  try {
    // Submits a job that ends `how`, after `dependency` if one is given.
    const submit = (name: string, how: string, dependency?: string) =>
      sbatch(cluster, [`--job-name=${name}`, '--output=/dev/null',
        ...(dependency ? [`--dependency=${dependency}`,
          '--kill-on-invalid-dep=yes'] : []),
        `--wrap=${tsxCommand(JOB, [name, how])}`]);

    // Parents first, as in the book's script: each qsub's id feeds the
    // next one's -W depend, here sbatch's id feeds --dependency.
    const a = await submit('A', 'exit');
    const b = await submit('B', 'ok', `afterok:${a}`);
    const c = await submit('C', 'ok', `afterany:${a}`);
    const d = await submit('D', 'ok', `afterok:${b}`);
    console.log('A exits 2; B afterok:A; C afterany:A; D afterok:B');

    // Wait until all four have ended (a cancel is an end too), then
    // report each one's final state and `code:signal` in name order.
    const infos = await waitForJobs(cluster, [a, b, c, d]);
    const ids: Record<string, string> = { A: a, B: b, C: c, D: d };
    const states: Record<string, string> = {};
    const exitCodes: Record<string, string> = {};
    for (const [name, id] of Object.entries(ids)) {
      const info = infos.get(id)![0]!;
      states[name] = info['JobState']!;
      exitCodes[name] = info['ExitCode']!;
      console.log(`${name}: ${states[name]} (exit code ${exitCodes[name]})`);
    }
    return { states, exitCodes };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// A exits 2; B afterok:A; C afterany:A; D afterok:B
// A: FAILED (exit code 2:0)
// B: CANCELLED (exit code 0:0)
// C: COMPLETED (exit code 0:0)
// D: CANCELLED (exit code 0:0)
