/**
 * The machine and build a result was measured on. Results without these
 * lines are meaningless: a speed-up of 1.9 means one thing on 2 cores and
 * another on 16, so every result file starts with them and `compare`
 * warns when they differ.
 */
import os from 'node:os';
import { $ } from 'zx';
import type { Config } from './format.ts';

/** Keys that describe the machine; a difference makes results suspect. */
export const MACHINE_KEYS = [
  'runtime', 'node', 'v8', 'os', 'arch', 'cpu', 'cores',
  'available-parallelism',
];

// zx runs git synchronously here (we need the answer while building the
// header); `nothrow` because outside a checkout or without git we simply
// report "unknown".
function git(args: string[], cwd: string): string | undefined {
  const out = $.sync({ cwd, nothrow: true, quiet: true })`git ${args}`;
  return out.exitCode === 0 ? out.stdout.trim() : undefined;
}

/** Short commit, with `-dirty` when the work tree has changes. */
export function commitLabel(cwd: string = process.cwd()): string {
  const sha = git(['rev-parse', '--short', 'HEAD'], cwd);
  if (sha === undefined) return 'unknown';
  const status = git(['status', '--porcelain', '--untracked-files=no'], cwd);
  return status ? `${sha}-dirty` : sha;
}

export function machineConfig(cwd: string = process.cwd()): Config {
  const cpus = os.cpus();
  return {
    runtime: 'node',
    node: process.version,
    v8: process.versions.v8,
    os: process.platform,
    arch: process.arch,
    cpu: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: String(cpus.length),
    'available-parallelism': String(os.availableParallelism()),
    commit: commitLabel(cwd),
    date: new Date().toISOString(),
  };
}
