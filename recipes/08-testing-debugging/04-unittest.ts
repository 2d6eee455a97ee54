/**
 * Dealing with unittest: pass, fail and error, in vitest
 *
 * @book    2e ch. 9 "Python Debugging and Testing" › Dealing with unittest
 * @python  Chapter09/simplicisticTest.py Chapter09/unittest_truth.py
 *          Chapter09/unittest_exception.py Chapter09/pdb/unittest_fail.py
 * @covers  X4
 * @run     npm run recipe -- testing-debugging/unittest
 * @timeout 90000
 * @see     testing-debugging/discovery — finding and filtering tests
 *
 * The book's unittest cases live in `fixtures/outcomes.fixture-test.ts`,
 * ported to vitest, with three more whose failures start in a worker
 * thread or a child process. Some fail on purpose, so we run them in a
 * nested vitest (its own process and config) and read its JSON report.
 * unittest tells a *failure* (an assertion) from an *error* (any other
 * exception); vitest calls both "failed", so we sort them by the error's
 * name. (`failUnless`/`failIf`, used by the book, left Python in 3.12.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, isEntry } from '@cookbook/shared';

// The fixtures folder, with its own vitest config.
export const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const VITEST = join(createRequire(import.meta.url)
  .resolve('vitest/package.json'), '..', 'vitest.mjs');

// One test as unittest would report it.
export interface Outcome {
  name: string;
  outcome: 'pass' | 'fail' | 'error' | 'skip';
  message: string;
}

// The parts of vitest's JSON report (Jest's format) that we read.
interface Report {
  testResults: { assertionResults: { fullName: string; status: string;
    failureMessages: string[] }[] }[];
}

// An AssertionError is a failure; any other exception an error.
function classify(status: string, messages: string[]): Outcome['outcome'] {
  if (status === 'passed') return 'pass';
  if (status !== 'failed') return 'skip';
  return /^AssertionError\b/m.test(messages[0] ?? '') ? 'fail' : 'error';
}

// The "Name: message" line of a stack trace.
function firstErrorLine(text: string): string {
  return /^(\w*Error: .*)$/m.exec(text)?.[1] ?? '';
}

/**
 * Runs vitest on the fixtures in a child process with `args` (filters,
 * file names) and returns each test's outcome. Environment variables of
 * an enclosing vitest run are dropped, so the nested run starts fresh.
 */
export async function runVitest(args: string[] = []): Promise<Outcome[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vitest-json-'));
  const outputFile = join(dir, 'report.json');
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([key]) => !key.startsWith('VITEST')));
  try {
    const child = spawn(process.execPath, [VITEST, 'run', '--config',
      'vitest.config.ts', '--reporter=json', `--outputFile=${outputFile}`,
      ...args], { cwd: FIXTURES, env, stdio: 'ignore' });
    await exited(child); // exit code 1 when a test fails: expected here
    const report = JSON.parse(readFileSync(outputFile, 'utf8')) as Report;
    return report.testResults.flatMap((file) => file.assertionResults)
      .map(({ fullName, status, failureMessages }) => ({
        name: fullName,
        outcome: classify(status, failureMessages),
        message: firstErrorLine(failureMessages[0] ?? ''),
      }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Result {
  outcomes: Outcome[];
}

export async function main(): Promise<Result> {
  const outcomes = await runVitest(['outcomes']);
  const count = (o: Outcome['outcome']) =>
    outcomes.filter((t) => t.outcome === o).length;

  // unittest's summary line, then each failure and error.
  console.log(`Ran ${outcomes.length} tests: ${count('pass')} passed, ` +
    `failures=${count('fail')}, errors=${count('error')}`);
  for (const t of outcomes.filter((o) => o.outcome !== 'pass')) {
    console.log(`${t.outcome.toUpperCase()}: ${t.name}`);
    console.log(`  ${t.message}`);
  }
  return { outcomes };
}

if (isEntry(import.meta.url)) await main();

// Output:
// Ran 13 tests: 10 passed, failures=1, errors=2
// FAIL: OutcomesTest testFail
//   AssertionError: expected true to be false // Object.is equality
// ERROR: OutcomesTest testError
//   RuntimeError: test error!
// ERROR: ConcurrentTest testWorkerErrorNotCaught
//   Error: crash in a worker
