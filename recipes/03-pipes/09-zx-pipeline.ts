/**
 * A shell-style pipeline driven by zx: seq | square | awk
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (the same numbers → squarer chain, shell style)
 * @covers  none
 * @run     npm run recipe -- pipes/zx-pipeline
 * @needs   posix
 * @timeout 60000
 * @see     pipes/pipeline — the same chain with child_process by hand
 *
 * A shell joins programs with `|`: each one's stdout becomes the next
 * one's stdin, all run at once, and the pipeline ends when the first
 * writer closes. zx brings that to TypeScript: `` $`cmd` `` starts a
 * process (quoting every interpolated value, so no shell injection) and
 * `.pipe()` joins the next one, with real OS pipes underneath. Our
 * squarer is this file in another role, between `seq` and `awk`. zx
 * rejects with the failing command's exit code, so a broken stage is
 * not silent, as it would be in a shell without `set -o pipefail`.
 */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { $ } from 'zx';
import { isEntry, TSX_EXEC_ARGV } from '@cookbook/shared';
import { childRole, CHILD_FLAG } from '@cookbook/shared/child-role';

// The squarer stage: stdin lines in, squares out. It knows nothing of
// its neighbours: `seq` and `awk` are not Node, only bytes on a pipe.
async function square(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    const n = Number(line);
    process.stdout.write(`${n * n}\n`);
  }
}

// The command that runs it: node, tsx's loader, this file, the role.
const squarer = [process.execPath, ...TSX_EXEC_ARGV,
  fileURLToPath(import.meta.url), CHILD_FLAG, 'square'];

// What each of the three pipelines gave.
export interface Result {
  squares: string;
  sum: string;
  failedExitCode: number | null;
}

// zx's `.pipe` joins stdout to stdin, as `|` does in a shell; all the
// stages run at once. `` $`cmd` `` quotes every interpolated value, so an
// array like `squarer` becomes separate, safe arguments.
export async function main(): Promise<Result> {
  $.verbose = false; // print only what we choose to
  // seq 0 9 | square: every square, one per line.
  const squares = (await $`seq 0 9`.pipe($`${squarer}`)).stdout.trim();
  console.log(`seq 0 9 | square: ${squares.split('\n').join(' ')}`);

  // Three stages: the sum of the squares, computed by awk.
  const sum = (await $`seq 0 9`.pipe($`${squarer}`)
    .pipe($`awk '{ s += $1 } END { print s }'`)).stdout.trim();
  console.log(`seq 0 9 | square | awk sum: ${sum}`);

  // A stage that fails: zx rejects with its exit code, so it is not
  // silent, as it would be in a shell without `set -o pipefail`.
  let failedExitCode: number | null = null;
  try {
    await $`seq 0 9`.pipe($`sh -c 'head -n 2 >/dev/null; exit 3'`);
  } catch (error) {
    failedExitCode = (error as { exitCode: number | null }).exitCode;
  }
  console.log(`seq 0 9 | (a stage that exits 3): rejected with exit code ` +
    `${failedExitCode}`);
  return { squares, sum, failedExitCode };
}

// The squarer stage runs this file in its `square` role.
if (childRole(import.meta.url) === 'square') await square();
else if (isEntry(import.meta.url)) await main();

// Output:
// seq 0 9 | square: 0 1 4 9 16 25 36 49 64 81
// seq 0 9 | square | awk sum: 285
// seq 0 9 | (a stage that exits 3): rejected with exit code 3
