/**
 * Debugging failed jobs: an exception vs an exit code, requeue, cancel
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Debugging
 * @covers  C11
 * @run     npm run recipe -- cluster-cloud/failed-jobs
 * @needs   slurm
 * @timeout 60000
 * @see     cluster-cloud/afterok-chain — what a failure does to dependants
 *
 * The book injects a failure into job 13 of its array two ways: raising
 * an exception leaves a traceback in the job's stderr file, while
 * `sys.exit(2)` leaves stderr empty and shows only in HTCondor's log as
 * "Normal termination (return value 2)". Slurm reports both as
 * JobState=FAILED with `ExitCode=<code>:<signal>` in `scontrol show job`;
 * only the stderr file tells the two apart. Then the two fixes an
 * operator reaches for: `scontrol requeue` runs a finished job again (its
 * Restarts count goes up), and `scancel` stops one that should not run on
 * (CANCELLED, signal 15).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { jobInfo, sbatch, tsxCommand, waitForJobs } from './slurm-jobs.ts';

// The job program of afterok-chain: `throw`, `exit` (2) or `sleep`.
const JOB = new URL('./07-exit.task.ts', import.meta.url);

// How one failed job looks from outside: verdict, code, first clue.
interface Failure {
  state: string;
  exitCode: string;
  /** The first line of the job's stderr file ('' when empty). */
  stderr: string;
}

export interface Result {
  thrown: Failure;
  exited: Failure;
  /** What `sacct` said (the first line). */
  sacct: string;
  requeued: { state: string; restarts: number };
  cancelled: { state: string; exitCode: string };
}

// The test passes its own cluster; run by hand, main starts one. The
// zx shell does not throw on a non-zero exit: sacct's is the lesson.
export async function main(given?: SlurmCluster): Promise<Result> {
  const cluster = given ?? await startSlurm();
  const sh = $({ env: cluster.env, quiet: true, nothrow: true });
  try {
    // Two jobs that fail differently; each keeps its own stderr file.
    const submit = (name: string, how: string) => sbatch(cluster, [
      `--job-name=${name}`, `--output=${name}.out`, `--error=${name}.err`,
      `--wrap=${tsxCommand(JOB, [name, how])}`]);
    const thrower = await submit('thrower', 'throw');
    const exiter = await submit('exiter', 'exit');
    await waitForJobs(cluster, [thrower, exiter]);

    // scontrol gives the verdict, the stderr file the reason: from Node's
    // stack trace (Python's traceback) we keep the `Error: message` line.
    const failure = async (id: string, name: string): Promise<Failure> => {
      const [info] = await jobInfo(cluster, id);
      const err = readFileSync(join(cluster.workDir, `${name}.err`), 'utf8');
      return { state: info!['JobState']!, exitCode: info!['ExitCode']!,
        stderr: err.split('\n').find((l) => /^\w*Error: /.test(l)) ??
          err.split('\n')[0]! };
    };
    const thrown = await failure(thrower, 'thrower');
    const exited = await failure(exiter, 'exiter');
    // Side by side: one state, two exit codes, one message to read.
    for (const [label, f] of [['exception', thrown], ['exit(2)', exited]]) {
      const { state, exitCode, stderr } = f as Failure;
      console.log(`${label}: ${state}, ExitCode=${exitCode}, stderr: ` +
        `${stderr ? stderr : '(empty)'}`);
    }

    // sacct would keep the history, but needs the accounting database,
    // which this one-node cluster does not run: it says so.
    const sacct = await sh`sacct -j ${exiter}`;
    const said = `${sacct.stderr}${sacct.stdout}`.trim().split('\n')[0]!;
    console.log(`sacct: ${said.replace(/^sacct: error: /, '')}`);

    // Requeue the failed job. Slurm holds a requeued job back for a while
    // (Reason=BeginTime); we move its begin time to now, and it runs once
    // more (and fails once more: requeue fixes nodes, not code).
    await sh`scontrol requeue ${exiter}`;
    const held = (await jobInfo(cluster, exiter))[0]!;
    console.log(`requeued: ${held['JobState']} (Reason=${held['Reason']})`);
    await sh`scontrol update JobId=${exiter} StartTime=now`;
    const requeuedInfo = (await waitForJobs(cluster, [exiter])).get(exiter)!;
    const requeued = { state: requeuedInfo[0]!['JobState']!,
      restarts: Number(requeuedInfo[0]!['Restarts']) };
    console.log(`StartTime=now: ran again, ${requeued.state}, ` +
      `Restarts=${requeued.restarts}`);

    // Cancel a job that would run for a minute, once it is running.
    // Poll until it runs: cancelling a PENDING job would teach less.
    const sleeper = await submit('sleeper', 'sleep');
    while ((await jobInfo(cluster, sleeper))[0]!['JobState'] !== 'RUNNING') {
      await new Promise((r) => setTimeout(r, 100));
    }
    await sh`scancel ${sleeper}`;
    const [gone] = (await waitForJobs(cluster, [sleeper])).get(sleeper)!;
    const cancelled = { state: gone!['JobState']!,
      exitCode: gone!['ExitCode']! };
    console.log(`scancel: ${cancelled.state}, ExitCode=${cancelled.exitCode}`);
    return { thrown, exited, sacct: said, requeued, cancelled };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// exception: FAILED, ExitCode=1:0, stderr: Error: job thrower failed on purpose
// exit(2): FAILED, ExitCode=2:0, stderr: (empty)
// sacct: Slurm accounting storage is disabled
// requeued: PENDING (Reason={*})
// StartTime=now: ran again, FAILED, Restarts=1
// scancel: CANCELLED, ExitCode=0:15
