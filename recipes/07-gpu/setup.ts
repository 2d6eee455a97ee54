/**
 * `npm run gpu:setup`: makes the optional backends of the GPU chapter
 * work on this machine, then prints what can run a kernel here.
 *
 * - headlessgl: npm 11 installs gpu.js's optional `gl` package but skips
 *   its install script (it is not in the root "allowScripts", on purpose:
 *   the build compiles ANGLE, 3+ minutes on 2 cores, which every
 *   `npm install` would pay). We run that build here, once, with
 *   node-gyp (GitHub is unreachable, so prebuild-install cannot fetch a
 *   binary). It needs g++, make, python3 and the X headers (libx11-dev,
 *   libxext-dev, libxi-dev). At run time it needs an X server: Xvfb
 *   (`xvfb-run -a`) with Mesa's GLX (libgl1-mesa-dri).
 * - webgpu: Dawn ships inside the `webgpu` package; without a GPU it
 *   runs on Mesa's EGL (libegl-mesa0, libgl1-mesa-dri).
 * - cpu and webasm need nothing.
 *
 * Exits 0 when every check passed, 2 when something is missing (each
 * with one line saying how to install it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GL = join(ROOT, 'node_modules', 'gl');
const GL_BINARY = join(GL, 'build', 'Release', 'webgl.node');
const NODE_GYP = join(ROOT, 'node_modules', 'node-gyp', 'bin',
  'node-gyp.js');
const APT = 'apt-get install -y --no-install-recommends';

const ok = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const missing: string[] = [];
function need(what: string, present: boolean, install: string): boolean {
  console.log(`${present ? 'ok     ' : 'MISSING'} ${what}`
    + (present ? '' : `: ${install}`));
  if (!present) missing.push(what);
  return present;
}

// 1. What the gl build and Xvfb need from the system.
const tools = [
  need('g++ and make', ok('g++', ['--version']) && ok('make', ['-v']),
    `${APT} g++ make`),
  need('X headers (x11 xext xi)', ok('pkg-config', ['--exists', 'x11',
    'xext', 'xi']), `${APT} pkg-config libx11-dev libxext-dev libxi-dev`),
].every(Boolean);
need('xvfb-run (Xvfb)', ok('xvfb-run', ['--help']), `${APT} xvfb xauth`);
need('Mesa GL and EGL drivers',
  existsSync('/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so')
  || existsSync('/usr/lib/aarch64-linux-gnu/dri/swrast_dri.so'),
  `${APT} libgl1-mesa-dri libegl-mesa0`);

// 2. Build headless-gl once, unless it is built already.
if (!existsSync(GL)) {
  need('gpu.js optional package gl', false, 'run npm install first');
} else if (existsSync(GL_BINARY)) {
  console.log('ok      headless-gl is built');
} else if (tools) {
  console.log('building headless-gl (ANGLE; a few minutes)...');
  // Node's own headers, so node-gyp need not download them (offline).
  const prefix = dirname(dirname(process.execPath));
  const nodedir = existsSync(join(prefix, 'include', 'node', 'node.h'))
    ? [`--nodedir=${prefix}`] : [];
  const built = spawnSync(process.execPath, [NODE_GYP, 'rebuild',
    ...nodedir], {
    cwd: GL, stdio: 'inherit',
    env: { ...process.env, JOBS: String(availableParallelism()) },
  });
  need('headless-gl build', built.status === 0 && existsSync(GL_BINARY),
    'see the node-gyp errors above');
}

// 3. What can run now, asked of gpu/what-can-run, under Xvfb if present.
const recipe = join(ROOT, 'recipes', '07-gpu', '01-what-can-run.ts');
const tsx = ['--import', 'tsx', recipe];
const xvfb = ok('xvfb-run', ['--help']);
console.log(`\nwhat can run here${xvfb ? ' (under xvfb-run -a)' : ''}:`);
const run = xvfb
  ? spawnSync('xvfb-run', ['-a', process.execPath, ...tsx],
    { stdio: ['ignore', 'inherit', 'ignore'], cwd: ROOT })
  : spawnSync(process.execPath, tsx,
    { stdio: ['ignore', 'inherit', 'ignore'], cwd: ROOT });
if (run.status !== 0) missing.push('gpu/what-can-run');

console.log(missing.length === 0
  ? '\nheadlessgl: xvfb-run -a npm run recipe -- --chapter gpu '
    + '(with COOKBOOK_GPU_BACKEND=headlessgl)'
  : `\nnot ready: ${missing.join(', ')}`);
process.exitCode = missing.length === 0 ? 0 : 2;
