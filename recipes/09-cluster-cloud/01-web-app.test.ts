import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { main } from './01-web-app.ts';

test('GET / answers the book\'s greeting; other paths are 404', async () => {
  expect(await main()).toEqual({ status: 200, body: 'Hello World!',
    missing: 404 });
});

// The image test needs a container runtime that can build and run here:
// a docker or podman binary, the base image already present (no registry
// is reachable from CI), and a runtime that can start a container at all
// (podman on these machines cannot: setrlimit is not permitted).
function containerRuntime(): { bin: string } | { reason: string } {
  const run = (bin: string, args: string[]) =>
    spawnSync(bin, args, { stdio: 'ignore', timeout: 60_000 }).status === 0;
  const bin = ['docker', 'podman'].find((b) => run(b, ['--version']));
  if (!bin) return { reason: 'no docker or podman on PATH' };
  if (!run(bin, ['image', 'inspect', 'node:20-slim'])) {
    return { reason: `${bin} has no node:20-slim image and no registry` };
  }
  if (!run(bin, ['run', '--rm', 'node:20-slim', 'true'])) {
    return { reason: `${bin} cannot run a container on this machine` };
  }
  return { bin };
}

const runtime = containerRuntime();
const skipReason = 'reason' in runtime ? ` (skipped: ${runtime.reason})` : '';
test.skipIf('reason' in runtime)(
  `the image builds, runs and answers GET /${skipReason}`, async () => {
    const bin = (runtime as { bin: string }).bin;
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const dockerfile = 'recipes/09-cluster-cloud/docker/Dockerfile';
    const sh = (...args: string[]) => spawnSync(bin, args,
      { cwd: root, encoding: 'utf8', timeout: 300_000 });
    expect(sh('build', '-f', dockerfile, '-t', 'cookbook-hello', '.').status)
      .toBe(0);
    const started = sh('run', '-d', '--rm', '-p', '127.0.0.1::5000',
      'cookbook-hello');
    const id = started.stdout.trim();
    try {
      const port = sh('port', id, '5000').stdout.trim().split(':').pop();
      let body = '';
      for (let i = 0; i < 50 && !body; i++) {
        body = await fetch(`http://127.0.0.1:${port}/`)
          .then((r) => r.text()).catch(() => '');
        if (!body) await new Promise((r) => setTimeout(r, 200));
      }
      expect(body).toBe('Hello World!');
    } finally {
      sh('stop', id);
    }
  }, 600_000);
