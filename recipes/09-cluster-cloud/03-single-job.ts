/**
 * A single batch job: submit, watch its state, read its output
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using HTCondor
 * @python  htcondor/simple/simple.job
 * @covers  C6
 * @run     npm run recipe -- cluster-cloud/single-job
 * @needs   slurm
 * @see     cluster-cloud/submit-forms — the same job as a batch script
 *
 * The book hands a one-line Python job to HTCondor:
 *
 *   # HTCondor: simple.job, then condor_submit simple.job; condor_q
 *   universe   = vanilla
 *   executable = python3.5   (arguments: -c "print('Hello, HTCondor!')")
 *   output = simple.out   error = simple.err   log = simple.log
 *   queue
 *
 *   # PBS: qsub simple.sh (or qsub -- python3.5 -c ...); qstat
 *
 * Slurm, which most clusters run today, takes the same job as
 * `sbatch --output=… --error=… --wrap "<command>"` and reports it with
 * `squeue` while it is queued or running and `scontrol show job` after.
 * The project starts a one-node Slurm cluster on this machine (see
 * shared/src/services/slurm.ts); our job is a TypeScript program run by
 * tsx on the node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { tsxCommand } from './slurm-jobs.ts';

// The job program: it prints one greeting and exits.
const JOB = new URL('./03-hello.task.ts', import.meta.url);

// What the test checks: the id, the states seen on the way, how the job
// ended, and what it wrote to its two output files.
export interface Result {
  jobId: string;
  /** Every state squeue and scontrol reported, without repeats. */
  states: string[];
  exitCode: string;
  stdout: string;
  stderr: string;
}

// The test passes its own cluster (started once per file); run by hand,
// main starts one and stops it at the end. zx's $ runs each command with
// the cluster's env (SLURM_CONF) in its work folder, like a shell would.
export async function main(given?: SlurmCluster): Promise<Result> {
  const cluster = given ?? await startSlurm();
  const sh = $({ env: cluster.env, cwd: cluster.workDir, quiet: true });
  try {
    // Submit. `%j` in a file name becomes the job id; `--parsable` makes
    // sbatch print only the id instead of "Submitted batch job 7".
    const out = 'simple.out.%j';
    const err = 'simple.err.%j';
    const submitted = await sh`sbatch --parsable --job-name=simple ${[
      `--output=${out}`, `--error=${err}`, `--wrap=${tsxCommand(JOB)}`]}`;
    const jobId = submitted.stdout.trim();
    console.log(`submitted batch job ${jobId}: tsx 03-hello.task.ts`);

    // Watch it, as `condor_q` or `qstat` would: squeue lists it while it
    // is PENDING or RUNNING, then forgets it.
    // Keep each state once: a poll every 100 ms sees RUNNING many times.
    const states: string[] = [];
    const note = (state: string) => {
      if (state && states.at(-1) !== state) states.push(state);
    };
    // Poll until squeue no longer knows the job (an empty answer);
    // nothrow, because squeue may exit non-zero for an id it dropped.
    for (;;) {
      const q = await sh`squeue -h -j ${jobId} -o %T`.nothrow();
      const state = q.stdout.trim();
      if (!state) break;
      note(state);
      await new Promise((r) => setTimeout(r, 100));
    }

    // After the end, scontrol still shows the job: its final state and
    // its exit code as `<code>:<signal>`.
    const shown = (await sh`scontrol show job -o ${jobId}`).stdout;
    // Pick one `Key=Value` field out of scontrol's one-line (-o) record.
    const field = (key: string) =>
      new RegExp(`\\b${key}=(\\S+)`).exec(shown)?.[1] ?? '';
    note(field('JobState'));
    const exitCode = field('ExitCode');
    console.log(`job ended: ${states.at(-1)}, exit code ${exitCode}`);

    // The job's stdout and stderr were written by the node into files.
    const read = (pattern: string) => readFileSync(
      join(cluster.workDir, pattern.replace('%j', jobId)), 'utf8');
    const stdout = read(out);
    const stderr = read(err);
    console.log(`simple.out: ${stdout.trim()}`);
    console.log(`simple.err: ${stderr.length} bytes`);
    return { jobId, states, exitCode, stdout, stderr };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// submitted batch job {*}: tsx 03-hello.task.ts
// job ended: COMPLETED, exit code 0:0
// simple.out: Hello, Slurm!
// simple.err: 0 bytes
