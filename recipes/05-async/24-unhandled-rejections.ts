/**
 * Unhandled rejections, and how to make them loud
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's "Task exception was never retrieved")
 * @covers  none
 * @run     npm run recipe -- async/unhandled-rejections
 * @see     async/combinators
 *
 * An asyncio task that fails while nobody awaits it only logs "Task
 * exception was never retrieved", when it is garbage collected, and the
 * program goes on. Node decides sooner and harder: a promise rejected
 * with no handler by the end of the current macrotask emits
 * 'unhandledRejection', and by default (`--unhandled-rejections=throw`,
 * since Node 15) the process dies with exit code 1. `warn` brings back
 * the old quiet mode, where the error is easy to miss. We run four small
 * programs in child processes (a rejection in this process would also
 * fail the test runner) and print how each one ends: the default, the
 * quiet mode, the classic `forEach(async …)` trap caught by our own loud
 * handler, and the fix: `await Promise.all(items.map(async …))`.
 */
import { execFile } from 'node:child_process';
import { isEntry } from '@cookbook/shared';

// Each program prints "still running" if it survives 50 ms.
const TAIL = `setTimeout(() => console.log('still running'), 50);`;
// The simplest loss: a rejected promise that no one ever handles.
const LOST = `Promise.reject(new Error('lost')); ${TAIL}`;

// The trap: forEach ignores the promises its async callback returns.
const TRAP = `[1, 2, 3].forEach(async (n) => {
  if (n === 2) throw new Error('item 2 failed');
}); ${TAIL}`;

// A handler of our own: say what was lost, and fail at exit.
const LOUD = `process.on('unhandledRejection', (error) => {
  console.error('unhandled rejection: ' + error.message);
  process.exitCode = 1;
});`;

// The fix: map to promises and await them all, so the error is ours.
const FIXED = `try {
  await Promise.all([1, 2, 3].map(async (n) => {
    if (n === 2) throw new Error('item 2 failed');
  }));
} catch (error) { console.log('caught: ' + error.message); } ${TAIL}`;

// How one program ended: its exit code, whether its timer still fired,
// and the line that named the error.
export interface Case {
  name: string;
  code: number;
  survived: boolean;
  /** Where the error surfaced: the stderr line naming it, or the
   * program's own "caught:" line. */
  said: string;
}

// Runs one program as an ES module in a fresh Node, without tsx.
function run(name: string, source: string, flags: string[] = []):
  Promise<Case> {
  // `-e` with `--input-type=module` allows top-level await in FIXED.
  const args = [...flags, '--input-type=module', '-e', source];
  return new Promise((resolve) => {
    execFile(process.execPath, args, (error, stdout, stderr) => {
      // execFile reports a non-zero exit as an error carrying the code; the
      // first stderr line that names an error is the one a reader would see.
      const code = error ? Number(error.code ?? 1) : 0;
      const line = stderr.split('\n').find((l) =>
        /Error:|rejection/.test(l)) ?? stdout.split('\n')[0]!;
      resolve({ name, code, survived: stdout.includes('still running'),
        said: line.replace(/^.*?(\w*Error: |unhandled)/, '$1').trim() });
    });
  });
}

export async function main(): Promise<Case[]> {
  // The four programs run at once; each ends on its own.
  const cases = await Promise.all([
    run('default (throw)', LOST),
    run('--unhandled-rejections=warn', LOST,
      ['--unhandled-rejections=warn']),
    run('forEach(async) + our handler', LOUD + TRAP),
    run('await Promise.all(map)', FIXED),
  ]);
  // Printed in a fixed order, after all four ended, so the output is stable.
  for (const c of cases) {
    console.log(`${c.name}: exit ${c.code}, survived ${c.survived}`);
    console.log(`  ${c.said}`);
  }
  return cases;
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// default (throw): exit 1, survived false
//   Error: lost
// --unhandled-rejections=warn: exit 0, survived true
//   Error: lost
// forEach(async) + our handler: exit 1, survived true
//   unhandled rejection: item 2 failed
// await Promise.all(map): exit 0, survived true
//   caught: item 2 failed
