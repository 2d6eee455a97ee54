/**
 * Application testing with a discovering runner: vitest and node:test
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Application testing
 *          using nose
 * @python  Chapter09/nosetest.py Chapter09/testset.py Chapter09/testset1.py
 * @covers  X5
 * @run     npm run recipe -- testing-debugging/discovery
 * @timeout 90000
 * @see     testing-debugging/unittest — outcomes and the nested run
 *
 * nose (which no longer imports on Python 3.10+) collects every
 * `test_*` function and `Test*` class method from `test*` files, and
 * selects some with `-m`. vitest collects the `test()` calls of files
 * that match its `include` pattern and selects with `-t <pattern>`
 * (file names as arguments narrow further); Node's built-in runner,
 * `node --test`, does the same with no dependency and
 * `--test-name-pattern`. We run the book's tests under both runners,
 * all of them and then only the `add` ones, and compare what each found.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exited, isEntry, TSX_EXEC_ARGV } from '@cookbook/shared';
import { FIXTURES, runVitest, type Outcome } from './04-unittest.ts';

// The name pattern both runners select with.
const PATTERN = 'add';

// What one runner did: tests it ran (and passed) and tests it skipped.
export interface Run {
  passed: string[];
  skipped: string[];
  failed: string[];
}

// vitest's outcomes (read by the unittest recipe) sorted into the three
// lists; failures and errors count alike here.
function tally(outcomes: Outcome[]): Run {
  const names = (o: Outcome['outcome']) =>
    outcomes.filter((t) => t.outcome === o).map((t) => t.name);
  return { passed: names('pass'), skipped: names('skip'),
    failed: [...names('fail'), ...names('error')] };
}

// node:test speaks TAP: one `ok N - name` line per top-level test,
// with `# SKIP` when the pattern left it out.
async function runNodeTest(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [...TSX_EXEC_ARGV, '--test',
    '--test-reporter=tap', ...args,
    join(FIXTURES, 'nosetest.node-test.ts')], { stdio: ['ignore', 'pipe',
    'ignore'] });
  // We collect the whole report, then read its top-level result lines
  // (indented lines belong to subtests and YAML details).
  let tap = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (tap += s));
  await exited(child);
  const run: Run = { passed: [], skipped: [], failed: [] };
  for (const [, not, name, skip] of
    tap.matchAll(/^(not )?ok \d+ - (\S+)( # SKIP)?/gm)) {
    const list = not ? run.failed : skip ? run.skipped : run.passed;
    list.push(name!);
  }
  return run;
}

// One Run per runner and selection.
export interface Result {
  vitestAll: Run;
  vitestFiltered: Run;
  nodeAll: Run;
  nodeFiltered: Run;
}

export async function main(): Promise<Result> {
  // Four runs, at once: each runner on every test, then filtered.
  const files = ['nosetest', 'testset'];
  const [vitestAll, vitestFiltered, nodeAll, nodeFiltered] =
    await Promise.all([
      runVitest(files).then(tally),
      runVitest([...files, '-t', PATTERN]).then(tally),
      runNodeTest([]),
      runNodeTest([`--test-name-pattern=${PATTERN}`]),
    ]);
  // One summary line per run, as the runners' own summaries read.
  const line = (runner: string, run: Run) => console.log(`${runner}: ` +
    `${run.passed.length} passed, ${run.failed.length} failed, ` +
    `${run.skipped.length} skipped`);
  line('vitest (all)', vitestAll);
  // nose's rule for classes: only `test*` methods are tests.
  const methods = vitestAll.passed.filter((n) => n.startsWith('TestSuite '))
    .map((n) => n.slice('TestSuite '.length));
  console.log(`  from class TestSuite: ${methods.join(', ')}`);
  line(`vitest -t ${PATTERN}`, vitestFiltered);
  line('node --test (all)', nodeAll);
  line(`node --test --test-name-pattern=${PATTERN}`, nodeFiltered);
  return { vitestAll, vitestFiltered, nodeAll, nodeFiltered };
}

if (isEntry(import.meta.url)) await main();

// Output:
// vitest (all): 8 passed, 0 failed, 0 skipped
//   from class TestSuite: test_mult
// vitest -t add: 4 passed, 0 failed, 4 skipped
// node --test (all): 6 passed, 0 failed, 0 skipped
// node --test --test-name-pattern=add: 4 passed, 0 failed, 2 skipped
