/**
 * The child-process trial of gpu/what-can-run (not a recipe itself).
 * Mesa lets a process hold a GLX context (headless-gl) or an EGL one
 * (Dawn, for WebGPU), not both, so headless-gl is tried in a child: the
 * recipe run with `--try <backend>`, which prints its row as JSON.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TSX_EXEC_ARGV } from '@cookbook/shared';
import type { Row } from './01-what-can-run.ts';
import type { Backend } from './backends.ts';

const RECIPE = new URL('./01-what-can-run.ts', import.meta.url);

// The child's last line is its row; a child that died is a row too.
export function inChild(backend: Backend): Row {
  const child = spawnSync(process.execPath, [...TSX_EXEC_ARGV,
    fileURLToPath(RECIPE), '--try', backend],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return last.startsWith('{') ? JSON.parse(last) as Row : { backend,
    device: '', software: true, ranOn: '', correct: false,
    missing: `the trial process failed (exit ${child.status})` };
}
