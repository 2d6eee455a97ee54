/**
 * A workflow DAG: the diamond A → B, C → D
 *
 * @book    DC ch. 6 "Python on an HPC Cluster" › Running a Python job
 *          using HTCondor
 * @python  htcondor/dag/simple.dag, htcondor/dag/a.job … d.job
 * @covers  C8
 * @run     npm run recipe -- cluster-cloud/dag
 * @needs   slurm
 * @timeout 60000
 * @see     cluster-cloud/afterok-chain — what a failure does to the rest
 *
 * HTCondor's DAGMan takes the graph as a file of its own and submits each
 * job when its parents are done:
 *
 *   JOB A a.job      JOB B b.job      JOB C c.job      JOB D d.job
 *   PARENT A CHILD B C
 *   PARENT B C CHILD D          # then: condor_submit_dag simple.dag
 *
 * Slurm has no DAG file: each job names the jobs it waits for, at submit
 * time, with `--dependency=afterok:<id>[:<id>…]` ("start me once these
 * have completed with exit code 0"). So we submit in topological order,
 * and the scheduler holds B and C until A is done, and D until both are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEntry } from '@cookbook/shared';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { sbatch, tsxCommand, waitForJobs } from './slurm-jobs.ts';

// Every node runs the same program, told its name: it logs its start,
// prints "I am job X", logs its end. (The book's nodes are job files.)
const JOB = new URL('./05-dag.task.ts', import.meta.url);

// What the test checks: the order in the log, and each job's outcome.
export interface Result {
  /** The shared log's lines, in the order the jobs wrote them. */
  log: string[];
  /** Each job's final state, by name. */
  states: Record<string, string>;
  /** What each job printed, by name. */
  outputs: Record<string, string>;
}

export async function main(given?: SlurmCluster): Promise<Result> {
  const cluster = given ?? await startSlurm();
  try {
    // One log file that every job appends to: its line order is the
    // order in which the jobs really ran. Node appends are single writes,
    // so lines from B and C never tear.
    const log = join(cluster.workDir, 'dag.log');
    writeFileSync(log, '');
    // Submits one node of the graph, after the jobs it depends on.
    const submit = (name: string, after: string[]) => sbatch(cluster, [
      `--job-name=${name}`, `--output=${name}.out`,
      ...(after.length ? [`--dependency=afterok:${after.join(':')}`] : []),
      `--wrap=${tsxCommand(JOB, [name, log])}`]);

    // Parents first: each child is submitted with its parents' ids.
    const a = await submit('A', []);
    const b = await submit('B', [a]);
    const c = await submit('C', [a]);
    const d = await submit('D', [b, c]);
    console.log('submitted A; B and C after A; D after B and C');

    // Wait for all four; then read each job's state and its output file.
    const infos = await waitForJobs(cluster, [a, b, c, d]);
    const ids: Record<string, string> = { A: a, B: b, C: c, D: d };
    const states: Record<string, string> = {};
    const outputs: Record<string, string> = {};
    for (const [name, id] of Object.entries(ids)) {
      states[name] = infos.get(id)![0]!['JobState']!;
      outputs[name] = readFileSync(join(cluster.workDir, `${name}.out`),
        'utf8').trim();
      console.log(`${name}: ${states[name]}, printed "${outputs[name]}"`);
    }

    // The log shows the order: A ends before B and C start, and D starts
    // only after B and C have both ended. (B and C may interleave.)
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    // Positions in the log, compared: the promise of afterok, checked.
    const at = (line: string) => lines.indexOf(line);
    const ordered = at('end A') < Math.min(at('start B'), at('start C')) &&
      at('start D') > Math.max(at('end B'), at('end C'));
    console.log(`order kept: A, then B and C, then D: ${ordered}`);
    return { log: lines, states, outputs };
  } finally {
    if (!given) await cluster.close();
  }
}

// Run by hand it starts its own cluster; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// submitted A; B and C after A; D after B and C
// A: COMPLETED, printed "I am job A"
// B: COMPLETED, printed "I am job B"
// C: COMPLETED, printed "I am job C"
// D: COMPLETED, printed "I am job D"
// order kept: A, then B and C, then D: true
