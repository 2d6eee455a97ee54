/**
 * What a batch scheduler costs per job: 100 trivial jobs as one Slurm
 * array, as 100 separate `sbatch` submissions, and the same 100 programs
 * started by a local process pool (and one after another, the baseline).
 * Reported per job (ops = jobs). The job prints one line and exits, so
 * what we measure is the overhead a scheduler adds, which pays for itself
 * only when jobs run for minutes, on many nodes.
 *
 * The Slurm variants need a cluster (started here, or SLURM_CONF); on a
 * machine without Slurm only the local ones run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { smokeSize, suite } from '@cookbook/bench';
import {
  hasSlurm,
  startSlurm,
  type SlurmCluster,
} from '@cookbook/shared/services/slurm';
import { bundledCommand, sbatch, waitForJobs } from './slurm-jobs.ts';

const JOBS = smokeSize(100, 4);
const WORKERS = availableParallelism();
const JOB = new URL('./03-hello.task.ts', import.meta.url);

let cluster: SlurmCluster | undefined;
// Where the runs' output files go: the cluster's folder, or our own.
let base = '';
let command = '';
let runs = 0;

/** A fresh folder for one run's output files. */
function runDir(base: string): string {
  const dir = join(base, `run-${++runs}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** How many jobs left their line; throws if one is missing. */
function counted(dir: string): number {
  const files = readdirSync(dir).length;
  if (files !== JOBS) throw new Error(`${files} of ${JOBS} jobs wrote`);
  return files;
}

/** Runs the job program `JOBS` times, `workers` at a time, locally. */
async function local(workers: number): Promise<number> {
  const dir = runDir(base);
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < JOBS) {
      const i = next++;
      await new Promise<void>((resolve, reject) => {
        const child = spawn('sh', ['-c', `${command} > ${dir}/o.${i}`]);
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve()
          : reject(new Error(`job ${i} exited ${code}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: workers }, one));
  return counted(dir);
}

async function slurmArray(): Promise<number> {
  const dir = runDir(base);
  const id = await sbatch(cluster!, [`--array=0-${JOBS - 1}`,
    `--output=${dir}/o.%a`, `--wrap=${command}`]);
  await waitForJobs(cluster!, [id], 300_000);
  return counted(dir);
}

async function slurmSeparate(): Promise<number> {
  const dir = runDir(base);
  const ids: string[] = [];
  for (let i = 0; i < JOBS; i++) {
    ids.push(await sbatch(cluster!, [`--output=${dir}/o.${i}`,
      `--wrap=${command}`]));
  }
  await waitForJobs(cluster!, ids, 300_000);
  return counted(dir);
}

const withSlurm = Boolean(process.env['SLURM_CONF']) || hasSlurm();
const jobs = suite('JobThroughput', {
  runs: 5,
  meta: { jobs: JOBS, job: 'print one line', slurm: withSlurm ? 'yes' : 'no' },
  before: async () => {
    if (withSlurm) cluster = await startSlurm();
    base = cluster?.workDir ?? mkdtempSync(join(tmpdir(), 'cookbook-jobs-'));
    command = bundledCommand(JOB);
  },
  after: async () => {
    await cluster?.close();
    if (!cluster) rmSync(base, { recursive: true, force: true });
  },
})
  .add('impl=local-serial', () => local(1), { ops: JOBS })
  .add(`impl=local-pool/workers=${WORKERS}`, () => local(WORKERS),
    { ops: JOBS });
if (withSlurm) {
  jobs.add('impl=slurm-array', slurmArray, { ops: JOBS })
    .add('impl=slurm-separate', slurmSeparate, { ops: JOBS });
}
export default jobs;
