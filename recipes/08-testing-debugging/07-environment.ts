/**
 * Log the runtime environment and the package versions
 *
 * @book    DC ch. 7 "Testing and Debugging Distributed Applications" ›
 *          Log the execution environment
 * @covers  X7
 * @run     npm run recipe -- testing-debugging/environment
 *
 * A job that fails on one machine of a cluster and passes on another is
 * often two environments, not one bug. The book logs `sys.executable`,
 * the Python version and `pip.main(['list'])` at the start of each job
 * (pip 10 removed `pip.main`; `pip list` in a subprocess is the fix).
 * We log the same things the way our benchmark headers do: the machine
 * lines come from `@cookbook/bench`'s `machineConfig`, so a log and a
 * benchmark result can be compared line by line; the packages are the
 * versions actually installed, read from `node_modules`, not the ranges
 * that package.json asks for.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineConfig } from '@cookbook/bench';
import { isEntry } from '@cookbook/shared';

// The project root: the nearest folder up from here whose package.json
// declares workspaces.
function projectRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (dir !== '/') {
    const file = join(dir, 'package.json');
    if (existsSync(file) && 'workspaces' in readJson(file)) return dir;
    dir = join(dir, '..');
  }
  throw new Error('no workspace root above this recipe');
}

// A package.json (or any JSON file) as a plain record.
function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

// The toolchain every recipe runs on, plus every dependency of this
// chapter's workspace, with the version found in node_modules (npm
// hoists them to the root).
const TOOLCHAIN = ['tsx', 'typescript', 'vitest', 'zx'];

function installedVersions(root: string): Record<string, string> {
  const ours = readJson(fileURLToPath(
    new URL('package.json', import.meta.url)));
  const names = new Set(TOOLCHAIN);
  for (const key of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(ours[key] ?? {})) names.add(name);
  }
  const versions: Record<string, string> = {};
  for (const name of [...names].sort()) {
    if (name.startsWith('@cookbook/')) continue; // our own workspaces
    const file = join(root, 'node_modules', name, 'package.json');
    versions[name] = existsSync(file)
      ? String(readJson(file)['version']) : 'missing';
  }
  return versions;
}

// Everything we log, for a test (or a job log) to keep.
export interface Result {
  /** The benchmark header's lines: node, v8, os, cpu, cores, ... */
  machine: Record<string, string>;
  executable: string;
  memoryGiB: number;
  packages: Record<string, string>;
}

export async function main(): Promise<Result> {
  // Gather first, print second: the same data could go to a JSON log.
  const root = projectRoot();
  const machine = machineConfig(root);
  const packages = installedVersions(root);
  const memoryGiB = Math.round(os.totalmem() / 2 ** 30);

  // Printed as `key: value` lines, the format of a benchmark result
  // file's header, so both are read (and diffed) the same way.
  for (const [key, value] of Object.entries(machine)) {
    console.log(`${key}: ${value}`);
  }
  console.log(`executable: ${process.execPath}`);
  console.log(`memory: ${memoryGiB} GiB`);
  for (const [name, version] of Object.entries(packages)) {
    console.log(`package: ${name} ${version}`);
  }
  return { machine, executable: process.execPath, memoryGiB, packages };
}

if (isEntry(import.meta.url)) await main();

// Output:
// runtime: node
// node: v{*}
// v8: {*}
// os: {*}
// arch: {*}
// cpu: {*}
// cores: {*}
// available-parallelism: {*}
// commit: {*}
// date: {*}
// executable: {*}
// memory: {*} GiB
// package: @types/ws {*}
// package: tsx {*}
// package: typescript {*}
// package: vitest {*}
// package: ws {*}
// package: zx {*}
