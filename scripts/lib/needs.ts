/**
 * Whether this machine has what a recipe's `@needs` asks for. A recipe
 * whose needs are missing is skipped by the output tests, with the reason
 * in the test name; the runner still runs it (and the recipe says how to
 * install what it lacks).
 */
import { execFileSync } from 'node:child_process';

function has(command: string, args: string[] = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

const CHECKS: Record<string, () => string | undefined> = {
  posix: () => (process.platform === 'win32' ? 'not a POSIX system'
    : undefined),
  network: () => undefined, // loopback only: always available
  gpu: () => (process.env['COOKBOOK_GPU'] === '1' ? undefined
    : 'set COOKBOOK_GPU=1 on a machine with a GPU'),
  redis: () => (process.env['REDIS_URL'] || has('redis-server')
    ? undefined : 'no redis-server (apt-get install redis-server)'),
  python: () => (has('/usr/bin/python3') ? undefined
    : 'no /usr/bin/python3'),
  celery: () => (has('/usr/bin/python3', ['-c', 'import celery, redis'])
    ? undefined
    : 'no celery for /usr/bin/python3 (apt-get install python3-celery '
      + 'python3-redis)'),
  mpi: () => (has('mpirun') ? undefined
    : 'no mpirun (apt-get install openmpi-bin)'),
  slurm: () => (process.env['SLURM_CONF'] || has('slurmctld', ['-V'])
    ? undefined : 'no slurmctld (apt-get install slurm-wlm munge)'),
};

/** The first missing need, as a reason; undefined when all are met. */
export function missingNeeds(needs: string[]): string | undefined {
  for (const need of needs) {
    const reason = CHECKS[need]?.();
    if (reason) return reason;
  }
  return undefined;
}

export const KNOWN_NEEDS: ReadonlySet<string> = new Set(Object.keys(CHECKS));
