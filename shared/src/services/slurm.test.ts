import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { isAlive } from '../processes.ts';
import {
  hasSlurm,
  MissingSlurmError,
  processesOf,
  SLURM_INSTALL_HINT,
  startSlurm,
} from './slurm.ts';

test.skipIf(!hasSlurm())(
  `the cluster comes up idle and leaves no daemon or job behind${
    hasSlurm() ? '' : ' (skipped: apt-get install slurm-wlm munge)'}`,
  async () => {
    const cluster = await startSlurm();
    const { pids, conf } = cluster;
    expect(pids).toHaveLength(3);
    expect(pids.every(isAlive)).toBe(true);
    const sinfo = spawnSync('sinfo', ['-h', '-o', '%T'],
      { env: cluster.env, encoding: 'utf8' });
    expect(sinfo.stdout.trim()).toBe('idle');
    // A job still running when we close must go too.
    spawnSync('sbatch', ['--wrap=sleep 60', '--output=/dev/null'],
      { env: cluster.env, cwd: cluster.workDir });
    await cluster.close();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(processesOf(conf)).toEqual([]);
    expect(existsSync(conf)).toBe(false);
  }, 60_000);

test('a machine without Slurm gets the one line that says how to install',
  async () => {
    const path = process.env['PATH'];
    const conf = process.env['SLURM_CONF'];
    process.env['PATH'] = '/nonexistent';
    delete process.env['SLURM_CONF'];
    try {
      const error = await startSlurm().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingSlurmError);
      expect((error as Error).message).toBe(SLURM_INSTALL_HINT);
      expect(SLURM_INSTALL_HINT).toContain('apt-get install slurm-wlm munge');
    } finally {
      process.env['PATH'] = path;
      if (conf !== undefined) process.env['SLURM_CONF'] = conf;
    }
  });
