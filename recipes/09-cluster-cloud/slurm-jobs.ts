/**
 * The few Slurm client calls the chapter's recipes share, after
 * cluster-cloud/single-job has shown each of them by hand:
 *
 * - `sbatch(cluster, args)` submits and returns the job id
 *   (`sbatch --parsable` prints only the id, or `id;cluster`);
 * - `jobInfo(cluster, id)` reads `scontrol show job -o`, one line of
 *   `Key=Value` pairs per job (per task for an array), as records;
 * - `waitForJobs(cluster, ids)` polls until every job has ended;
 * - `tsxCommand(file)` runs a TypeScript job program through tsx, and
 *   `bundledCommand(file)` compiles it once into one JavaScript file
 *   that each of many tasks then starts with plain `node`.
 *
 * `sacct` would give the history, but it needs the accounting database,
 * which a one-node cluster here does not run: `scontrol show job` sees a
 * job until MinJobAge (5 minutes in our slurm.conf) after it ends.
 */
import { fileURLToPath } from 'node:url';
import { $ } from 'zx';
import { bundleSync } from '@cookbook/shared/bundle.mjs';
import { TSX_EXEC_ARGV } from '@cookbook/shared';
import type { SlurmCluster } from '@cookbook/shared/services/slurm';

/** States after which a job never runs again (unless requeued). */
export const ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED',
  'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE',
  'PREEMPTED']);

export type JobInfo = Record<string, string>;

/** `sbatch --parsable <args>`: the new job's id. */
export async function sbatch(cluster: SlurmCluster, args: string[]):
  Promise<string> {
  const out = await $({ env: cluster.env, cwd: cluster.workDir,
    quiet: true })`sbatch --parsable ${args}`;
  return out.stdout.trim().split(';')[0]!;
}

/** `scontrol show job -o <id>`: one record per job, or per array task. */
export async function jobInfo(cluster: SlurmCluster, id: string):
  Promise<JobInfo[]> {
  const out = await $({ env: cluster.env, quiet: true })`scontrol show job -o ${
    id}`;
  return out.stdout.trim().split('\n').filter(Boolean).map((line) => {
    const record: JobInfo = {};
    // Values never contain spaces except Command= and WorkDir= paths with
    // none here; split on the space before each `Key=`.
    for (const field of line.split(/ (?=[A-Za-z:/]+=)/)) {
      const at = field.indexOf('=');
      record[field.slice(0, at)] = field.slice(at + 1);
    }
    return record;
  });
}

/** Polls every 200 ms until each job (every task of an array) ended. */
export async function waitForJobs(cluster: SlurmCluster, ids: string[],
  timeoutMs = 60_000): Promise<Map<string, JobInfo[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = new Map<string, JobInfo[]>();
    for (const id of ids) infos.set(id, await jobInfo(cluster, id));
    const all = [...infos.values()].flat();
    if (all.every((j) => ENDED.has(j['JobState'] ?? ''))) return infos;
    if (Date.now() > deadline) {
      throw new Error(`jobs ${ids.join(', ')} still running after ` +
        `${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The command line that runs a TypeScript job program under tsx. */
export function tsxCommand(file: URL, args: string[] = []): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [process.execPath, ...TSX_EXEC_ARGV, file.pathname, ...args]
    .map(quote).join(' ');
}

/**
 * The command that runs a TypeScript job program compiled once, by the
 * project's bundler (shared/src/bundle.mjs, the one forkTs and
 * spawnWorker use), and started through its boot file with plain `node`.
 * A job array starts its program once per task: 100 tasks through tsx
 * would compile it 100 times (a few hundred ms of CPU each); on a real
 * cluster, too, one builds on the login node and runs the build. Falls
 * back to tsx when the program cannot be bundled.
 */
export function bundledCommand(file: URL): string {
  const bundle = bundleSync(file);
  if (bundle === undefined) return tsxCommand(file);
  const boot = fileURLToPath(
    import.meta.resolve('@cookbook/shared/boot.mjs'));
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [process.execPath, boot, bundle, file.pathname].map(quote).join(' ');
}
