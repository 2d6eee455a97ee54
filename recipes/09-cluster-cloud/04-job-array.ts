/**
 * A job array: 100 tasks with per-task arguments and environment
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using HTCondor
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using PBS
 * @python  htcondor/script/script.job, htcondor/script/test.py,
 *          pbs/script/test.py
 * @covers  C7
 * @run     npm run recipe -- cluster-cloud/job-array
 * @needs   slurm
 * @timeout 240000
 * @see     cluster-cloud/pi-job-array — an array whose results are reduced
 *
 * The book queues one program 100 times, each copy told who it is:
 *
 *   # HTCondor: script.job
 *   executable  = test.py
 *   arguments   = --clusterid=$(Cluster) --processid=$(Process)
 *   environment = MYVAR1=foo MYVAR2=bar
 *   getenv = True   output = out.$(Process)   queue 100
 *   # PBS: test.py starts with `#PBS -J 0-99` and `#PBS -V`, and runs as
 *   MYVAR1=foo MYVAR2=bar qsub test.py
 *
 * In Slurm that is one `sbatch --array=0-99`: every task gets
 * SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID, `%A`/`%a` name its output
 * file, and `--export=ALL,MYVAR1=foo,MYVAR2=bar` is HTCondor's
 * `getenv` + `environment` (PBS's `-V`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { bundledCommand, sbatch, waitForJobs } from './slurm-jobs.ts';

// The book's 100 copies; the task whose report we print.
const TASKS = 100;
const SHOWN = 13;

// HTCondor's $(Cluster)/$(Process): each task's shell expands these.
const JOB = new URL('./04-job-array.task.ts', import.meta.url);
const ARGS = '--clusterid=$SLURM_ARRAY_JOB_ID ' +
  '--processid=$SLURM_ARRAY_TASK_ID';

export interface Result {
  arrayId: string;
  /** Each task's report (its stdout), by task index. */
  reports: string[];
  /** Each task's final state and exit code, by task index. */
  states: string[];
  exitCodes: string[];
  /** The task submitted without MYVAR2. */
  failed: { state: string; exitCode: string; stderr: string };
}

// The test passes its cluster and a smaller array, to stay quick.
export async function main(given?: SlurmCluster, tasks = TASKS):
  Promise<Result> {
  const cluster = given ?? await startSlurm();
  try {
    // Compiled once, run by plain node in each task: a hundred tsx
    // start-ups would cost more than the work (see bundledCommand).
    const WRAP = `${bundledCommand(JOB)} ${ARGS}`;

    // One submission, `tasks` tasks; each writes test.out.<array>.<task>.
    const arrayId = await sbatch(cluster, [`--array=0-${tasks - 1}`,
      '--export=ALL,MYVAR1=foo,MYVAR2=bar', '--output=test.out.%A.%a',
      `--wrap=${WRAP}`]);
    console.log(`submitted array ${arrayId} of ${tasks} tasks ` +
      '(MYVAR1=foo MYVAR2=bar)');

    // The same program once more, with MYVAR2 missing from its world,
    // to show how a failing task is reported.
    const env = { ...cluster.env, MYVAR2: undefined };
    const badId = await sbatch({ ...cluster, env }, ['--array=0',
      '--export=ALL,MYVAR1=foo', '--output=bad.out.%A.%a',
      '--error=bad.err.%A.%a', `--wrap=${WRAP}`]);

    // scontrol shows one record per task; ArrayTaskId says which. Tasks
    // end in any order, so we sort by it before reading the files.
    const infos = await waitForJobs(cluster, [arrayId, badId], 230_000);
    const byTask = [...infos.get(arrayId)!]
      .sort((a, b) => Number(a['ArrayTaskId']) - Number(b['ArrayTaskId']));
    const states = byTask.map((j) => j['JobState']!);
    const exitCodes = byTask.map((j) => j['ExitCode']!);
    const reports = byTask.map((j) => readFileSync(join(cluster.workDir,
      `test.out.${arrayId}.${j['ArrayTaskId']}`), 'utf8'));
    // A summary instead of 100 lines: how many completed, all cleanly?
    const done = states.filter((s) => s === 'COMPLETED').length;
    const clean = exitCodes.every((c) => c === '0:0');
    console.log(`${done} of ${tasks} tasks COMPLETED` +
      `${clean ? ', each with exit code 0:0' : ''}`);
    // One task's report in full (a test's smaller array: its last task).
    const shown = Math.min(SHOWN, tasks - 1);
    console.log(`task ${shown} wrote:`);
    const lines = reports[shown]!.trim().split('\n');
    for (const line of lines) console.log(`  ${line}`);

    // The failed task: its state, its exit code, and its stderr file.
    const bad = infos.get(badId)![0]!;
    const stderr = readFileSync(join(cluster.workDir,
      `bad.err.${badId}.0`), 'utf8').trim();
    const failed = { state: bad['JobState']!, exitCode: bad['ExitCode']!,
      stderr };
    console.log(`without MYVAR2: ${failed.state}, exit code ` +
      `${failed.exitCode}, stderr: ${stderr}`);
    return { arrayId, reports, states, exitCodes, failed };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// submitted array {*} of 100 tasks (MYVAR1=foo MYVAR2=bar)
// 100 of 100 tasks COMPLETED, each with exit code 0:0
// task 13 wrote:
//   I am process 13 of cluster {*}
//   Running on {*}
//   $CWD = {*}
//   $USER = {*}
//   MYVAR1 = foo
//   MYVAR2 = bar
// without MYVAR2: FAILED, exit code 1:0, stderr: MYVAR2 is not set
