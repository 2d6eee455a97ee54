/**
 * Two ways to submit: a command on the line, or a batch script
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using PBS
 * @python  pbs/simple/simple.sh
 * @covers  C9
 * @run     npm run recipe -- cluster-cloud/submit-forms
 * @needs   slurm
 * @see     cluster-cloud/single-job — watching a job's state
 *
 * PBS takes the book's one-liner either inline or as a script whose
 * comment lines carry the options:
 *
 *   qsub -- /usr/bin/python3.5 -c "print('Hello, PBS!')"     # inline
 *   qsub simple.sh     # simple.sh: #!/bin/bash, #PBS -N simple, the line
 *   # output lands in simple.sh.o<id>, errors in simple.sh.e<id>
 *
 * Slurm has the same two forms: `sbatch --wrap "<command>"` wraps the
 * command in a shell script for us, and `sbatch script.sh` reads options
 * from the script's `#SBATCH` lines (options given on the command line
 * win over them). The script form is the one to keep in version control:
 * it records how the job was run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { sbatch, tsxCommand, waitForJobs } from './slurm-jobs.ts';

// The same job program as cluster-cloud/single-job.
const JOB = new URL('./03-hello.task.ts', import.meta.url);

// What the test checks: the script text, and how each form's job ended.
export interface Result {
  /** The batch script we wrote, as submitted. */
  script: string;
  wrapped: { state: string; output: string };
  scripted: { state: string; output: string; name: string };
}

// The test passes its own cluster; run by hand, main starts one.
export async function main(given?: SlurmCluster): Promise<Result> {
  const cluster = given ?? await startSlurm();
  try {
    // Form 1: the command itself, wrapped by sbatch in `#!/bin/sh`.
    const wrapId = await sbatch(cluster, ['--job-name=inline',
      '--output=inline.o%j', `--wrap=${tsxCommand(JOB)}`]);
    console.log('sbatch --wrap "tsx 03-hello.task.ts"');

    // Form 2: a script whose #SBATCH lines hold the options; sbatch stops
    // reading them at the first line of real commands. The `#!` line is
    // required: sbatch refuses a script without one.
    const script = [
      '#!/bin/bash',
      '#SBATCH --job-name=simple',
      '#SBATCH --output=simple.sh.o%j',
      '#SBATCH --error=simple.sh.e%j',
      tsxCommand(JOB),
      '',
    ].join('\n');
    // Written into the cluster's work folder, where the job will run;
    // no chmod is needed: sbatch copies the script, it does not exec it.
    const file = join(cluster.workDir, 'simple.sh');
    writeFileSync(file, script);
    const scriptId = await sbatch(cluster, [file]);
    console.log('sbatch simple.sh   (#SBATCH --job-name=simple, ' +
      '--output=simple.sh.o%j)');

    // Both end the same way; the names come from where we set them.
    const infos = await waitForJobs(cluster, [wrapId, scriptId]);
    // Each job's first line of output, read from the file Slurm wrote.
    const read = (name: string) =>
      readFileSync(join(cluster.workDir, name), 'utf8').trim();
    // One scontrol record each (not arrays); JobName shows the #SBATCH
    // line was obeyed, as PBS's `#PBS -N simple` would be.
    const wrapInfo = infos.get(wrapId)![0]!;
    const scriptInfo = infos.get(scriptId)![0]!;
    const wrapped = { state: wrapInfo['JobState']!,
      output: read(`inline.o${wrapId}`) };
    const scripted = { state: scriptInfo['JobState']!,
      output: read(`simple.sh.o${scriptId}`), name: scriptInfo['JobName']! };
    console.log(`inline: ${wrapped.state}, inline.o<id>: ${wrapped.output}`);
    console.log(`script: ${scripted.state} as "${scripted.name}", ` +
      `simple.sh.o<id>: ${scripted.output}`);
    return { script, wrapped, scripted };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// sbatch --wrap "tsx 03-hello.task.ts"
// sbatch simple.sh   (#SBATCH --job-name=simple, --output=simple.sh.o%j)
// inline: COMPLETED, inline.o<id>: Hello, Slurm!
// script: COMPLETED as "simple", simple.sh.o<id>: Hello, Slurm!
