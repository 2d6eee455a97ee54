/**
 * A distributed map over the cluster: Monte-Carlo π as a job array
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using HTCondor
 * @covers  none
 * @run     npm run recipe -- cluster-cloud/pi-job-array
 * @needs   slurm
 * @timeout 60000
 * @see     distributed/monte-carlo-pi — the same map over a task queue
 *
 * Beyond the book, which stops at independent jobs: the map-reduce shape
 * on a batch scheduler. A job array is the map (each task counts the
 * darts of its own seeded stream and writes one small file); one more
 * job, submitted with `--dependency=afterok:<array id>`, is the reduce (it
 * starts only when every task has succeeded, and adds the counts up).
 * The files are the shuffle: on a real cluster they sit on the shared
 * filesystem every node mounts. Because each stream is seeded by its task
 * index, the count equals a serial run of the same streams exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { bundledCommand, sbatch, waitForJobs } from './slurm-jobs.ts';
import { countHits } from './10-pi-job-array.task.ts';

// Eight map tasks of a million darts each.
const TASKS = 8;
const TRIALS = 1_000_000;

// One program plays both roles, chosen by its first argument (`map` or
// `reduce`); the recipe also imports its countHits for the serial check.
const JOB = new URL('./10-pi-job-array.task.ts', import.meta.url);

// What the test checks: the reduced count, its equality with the serial
// count, and that the reduce job itself completed.
export interface Result {
  hits: number;
  trials: number;
  pi: number;
  /** The same streams counted here, one after another. */
  serialHits: number;
  reduceState: string;
}

// The test passes its cluster and fewer tasks, to stay quick.
export async function main(given?: SlurmCluster, tasks = TASKS):
  Promise<Result> {
  const cluster = given ?? await startSlurm();
  try {
    // Map: one array task per stream; the job is compiled once.
    const dir = cluster.workDir;
    const command = bundledCommand(JOB);
    const map = await sbatch(cluster, [`--array=0-${tasks - 1}`,
      '--output=/dev/null', `--wrap=${command} map ${dir} ${TRIALS}`]);

    // Reduce: held by the scheduler until every map task has succeeded.
    // (--kill-on-invalid-dep: if a map task fails, cancel it, don't wait.)
    const reduce = await sbatch(cluster, [`--dependency=afterok:${map}`,
      '--kill-on-invalid-dep=yes',
      '--output=/dev/null', `--wrap=${command} reduce ${dir} ${tasks}`]);
    console.log(`map: array of ${tasks} tasks x ${TRIALS} darts; ` +
      'reduce: afterok on the array');

    // Wait for both; the reduce wrote its answer to pi.json in the shared
    // folder, the only way a batch job hands a value back.
    const infos = await waitForJobs(cluster, [map, reduce]);
    const reduceState = infos.get(reduce)![0]!['JobState']!;
    const { hits, trials, pi } = JSON.parse(readFileSync(join(dir,
      'pi.json'), 'utf8')) as { hits: number; trials: number; pi: number };
    console.log(`reduce ${reduceState}: ${hits} of ${trials} inside, ` +
      `pi ~ ${pi.toFixed(5)}`);

    // The serial reference: the same seeded streams, in this process.
    // Seeds, not timing or order, fix each stream, so the sum must match.
    let serialHits = 0;
    for (let task = 0; task < tasks; task++) {
      serialHits += countHits(task, TRIALS);
    }
    console.log(`serial run of the same streams: ${serialHits} inside ` +
      `(equal: ${serialHits === hits})`);
    return { hits, trials, pi, serialHits, reduceState };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// map: array of 8 tasks x 1000000 darts; reduce: afterok on the array
// reduce COMPLETED: 6286520 of 8000000 inside, pi ~ 3.14326
// serial run of the same streams: 6286520 inside (equal: true)
