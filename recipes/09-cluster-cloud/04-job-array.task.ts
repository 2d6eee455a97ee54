// The job program of cluster-cloud/job-array, after DC's test.py: it
// reports where and as what it runs, and fails when the environment the
// submission promised is missing. Slurm sets SLURM_ARRAY_JOB_ID and
// SLURM_ARRAY_TASK_ID in every task; like the book's PBS variant, we read
// them when no --clusterid/--processid arguments were given.
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { clusterid: { type: 'string' }, processid: { type: 'string' } },
});
const cluster = values.clusterid ?? process.env['SLURM_ARRAY_JOB_ID'];
const task = values.processid ?? process.env['SLURM_ARRAY_TASK_ID'];

console.log(`I am process ${task} of cluster ${cluster}`);
console.log(`Running on ${hostname()}`);
console.log(`$CWD = ${process.cwd()}`);
console.log(`$USER = ${process.env['USER'] ?? userInfo().username}`);

// A missing variable is a failed task: a message on stderr, exit code 1.
for (const name of ['MYVAR1', 'MYVAR2']) {
  const value = process.env[name];
  if (value === undefined) {
    console.error(`${name} is not set`);
    process.exit(1);
  }
  console.log(`${name} = ${value}`);
}
