/**
 * A one-node Slurm cluster for recipes and tests, started by the project.
 *
 * Slurm is the batch scheduler most HPC clusters run: a controller
 * (`slurmctld`) queues jobs, a node daemon (`slurmd`) runs them, and
 * `munged` signs every message between them. `startSlurm()` starts all
 * three in the foreground, as children of this process, from a generated
 * `slurm.conf` and munge key in a temporary folder, on free 127.0.0.1
 * ports; it waits until `sinfo` shows the node idle and hands back the
 * environment every client command needs (`SLURM_CONF`). `close()` cancels
 * what is still queued and stops the daemons and any job process left.
 *
 * Set SLURM_CONF to use a cluster you already have; then `close()` leaves
 * it alone. A missing `slurmctld` is one line saying how to install it,
 * and exit code 2 (in a test it is thrown instead).
 *
 * Settings verified on Debian 12's Slurm 22.05 as root with no systemd or
 * cgroups: process tracking by /proc (`proctrack/linuxproc`), no task
 * plugin, no accounting, and a partition that lets up to 4 jobs share a
 * core so short recipe jobs do not queue behind each other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../net.ts';

export interface SlurmCluster {
  /** The slurm.conf every client reads (through SLURM_CONF). */
  conf: string;
  /** `process.env` plus SLURM_CONF: pass it to sbatch, squeue, srun. */
  env: NodeJS.ProcessEnv;
  /** The node's name as jobs see it. */
  node: string;
  /** A folder for job scripts and output files (ours, or os.tmpdir()). */
  workDir: string;
  /** True when SLURM_CONF named a cluster we did not start. */
  external: boolean;
  /** munged, slurmctld and slurmd's pids (none when external). */
  pids: number[];
  /** Stops what we started (idempotent); a no-op when external. */
  close(): Promise<void>;
}

/** The one line a reader sees when Slurm is not installed. */
export const SLURM_INSTALL_HINT = 'slurmctld not found: install Slurm with ' +
  '`apt-get install slurm-wlm munge` (Debian/Ubuntu), or set SLURM_CONF ' +
  'to the slurm.conf of a cluster you can submit to';

export class MissingSlurmError extends Error {
  override name = 'MissingSlurmError';
  readonly exitCode = 2;
  constructor() {
    super(SLURM_INSTALL_HINT);
  }
}

/** True when this machine has the Slurm and munge daemons. */
export function hasSlurm(): boolean {
  return ['slurmctld', 'slurmd', 'munged'].every((bin) =>
    spawnSync(bin, ['-V'], { stdio: 'ignore' }).error === undefined);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The slurm.conf of a one-node cluster on 127.0.0.1. */
function slurmConf(dir: string, node: string, ports: [number, number]):
  string {
  return `${[
    'ClusterName=cookbook',
    `SlurmctldHost=${node}(127.0.0.1)`,
    `SlurmctldPort=${ports[0]}`,
    `SlurmdPort=${ports[1]}`,
    'AuthType=auth/munge',
    `AuthInfo=socket=${join(dir, 'munge.sock')}`,
    'CredType=cred/munge',
    'SlurmUser=root',
    'SlurmdUser=root',
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'JobAcctGatherType=jobacct_gather/none',
    'MpiDefault=none',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core',
    'ReturnToService=2',
    // Schedule at once: the defaults wait seconds between passes.
    'SchedulerParameters=sched_interval=1,bf_interval=1,defer_batch=0,' +
      'sched_min_interval=0,batch_sched_delay=0',
    // Finished jobs stay visible to `scontrol show job` for 5 minutes.
    'MinJobAge=300',
    `StateSaveLocation=${join(dir, 'state')}`,
    `SlurmdSpoolDir=${join(dir, 'spool')}`,
    `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
    `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
    `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
    `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
    `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${availableParallelism()} ` +
      'State=UNKNOWN',
    'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP ' +
      'OverSubscribe=FORCE:4',
  ].join('\n')}\n`;
}

/** Processes (not us) whose environment names this SLURM_CONF. */
export function processesOf(conf: string): number[] {
  const needle = `SLURM_CONF=${conf}`;
  const pids: number[] = [];
  for (const name of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, 'latin1');
      if (environ.split('\0').includes(needle)) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function killAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Starts munged, slurmctld and slurmd; or returns SLURM_CONF's cluster. */
export async function startSlurm(
  options: { readyTimeoutMs?: number } = {},
): Promise<SlurmCluster> {
  const existing = process.env['SLURM_CONF'];
  if (existing) {
    return {
      conf: existing, env: { ...process.env }, node: hostname().split('.')[0]!,
      workDir: tmpdir(), external: true, pids: [], close: async () => {},
    };
  }
  if (!hasSlurm()) {
    const error = new MissingSlurmError();
    if (process.env['VITEST']) throw error;
    console.error(error.message); // a reader's run: one line, exit 2
    process.exit(error.exitCode);
  }

  // Everything lives in one temporary folder: key, sockets, state, logs.
  const dir = mkdtempSync(join(tmpdir(), 'cookbook-slurm-'));
  for (const sub of ['state', 'spool', 'jobs']) mkdirSync(join(dir, sub));
  const key = join(dir, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const node = hostname().split('.')[0]!;
  const conf = join(dir, 'slurm.conf');
  writeFileSync(conf, slurmConf(dir, node, [await freePort(),
    await freePort()]));
  const env = { ...process.env, SLURM_CONF: conf };

  // The daemons run in the foreground (-F, -D) as our children, so they
  // are in our process group and we stop them by pid.
  const daemons: ChildProcess[] = [];
  const start = (bin: string, args: string[]): void => {
    const child = spawn(bin, args, { env, stdio: 'ignore' });
    child.on('error', () => {}); // seen as "did not start" below
    daemons.push(child);
  };
  const stopNow = (): void => {
    killAll(daemons.map((d) => d.pid ?? -1), 'SIGKILL');
    killAll(processesOf(conf), 'SIGKILL');
  };
  process.once('exit', stopNow);

  start('munged', ['-F', '--force', '--key-file', key,
    '--socket', join(dir, 'munge.sock'), '--pid-file', join(dir, 'munged.pid'),
    '--log-file', join(dir, 'munged.log'), '--seed-file', join(dir, 'seed')]);
  for (let i = 0; i < 100 && !existsSync(join(dir, 'munge.sock')); i++) {
    await sleep(20);
  }
  start('slurmctld', ['-D', '-i']);
  start('slurmd', ['-D']);

  let closed = false;
  const cluster: SlurmCluster = {
    conf, env, node, workDir: join(dir, 'jobs'), external: false,
    pids: daemons.map((d) => d.pid ?? -1),
    close: async () => {
      if (closed) return;
      closed = true;
      process.off('exit', stopNow);
      const user = `--user=${process.getuid?.() ?? 0}`;
      spawnSync('scancel', ['--full', '--quiet', user],
        { env, stdio: 'ignore', timeout: 5_000 });
      for (const d of [...daemons].reverse()) d.kill('SIGTERM');
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline &&
        daemons.some((d) => d.exitCode === null && d.signalCode === null)) {
        await sleep(50);
      }
      stopNow(); // whatever lingers: a daemon, a job step, a job
      rmSync(dir, { recursive: true, force: true });
    },
  };

  // Ready when the node reports idle to sinfo.
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const sinfo = spawnSync('sinfo', ['-h', '-o', '%T'],
      { env, encoding: 'utf8', timeout: 5_000 });
    if (/idle/.test(sinfo.stdout ?? '')) return cluster;
    if (daemons.some((d) => d.exitCode !== null)) break;
    await sleep(100);
  }
  const log = (f: string) => existsSync(join(dir, f))
    ? readFileSync(join(dir, f), 'utf8').trim().split('\n').at(-1) : '';
  const why = log('slurmctld.log') || log('slurmd.log') || 'no log';
  await cluster.close();
  throw new Error(`Slurm did not come up: ${why}`);
}
