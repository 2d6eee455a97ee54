/**
 * Promise.all, allSettled, any and race, and how each one fails
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `gather`, `wait` and `as_completed`)
 * @covers  none
 * @run     npm run recipe -- async/combinators
 * @see     async/tasks, async/cancellation
 *
 * asyncio waits for many awaitables with `gather` (all results, or the
 * first exception), `gather(return_exceptions=True)` (every outcome),
 * and `wait(return_when=FIRST_COMPLETED)`. JavaScript has four
 * combinators. We give each the same three tasks, one of which fails
 * first, and log every event with a sequence number. The traps: `all`
 * rejects at the first failure but cancels nothing, so the other tasks
 * keep running; `any` fails only when all fail, with an AggregateError;
 * `race` settles with the first to settle, failure or not; and
 * `race([])` never settles at all.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry } from '@cookbook/shared';

// Three tasks; B fails first. The delays are far apart on purpose.
const TASKS = [
  { name: 'A', ms: 100, fails: false },
  { name: 'B', ms: 20, fails: true },
  { name: 'C', ms: 200, fails: false },
];

// What the test reads: per combinator, the event log and its outcome.
export interface Result {
  /** Per combinator: what it gave, and the events around it in order. */
  runs: Record<string, string[]>;
}

// Starts the tasks; every task logs when it ends, even if nobody waits.
function start(log: string[]): Promise<string>[] {
  return TASKS.map(async ({ name, ms, fails }) => {
    await sleep(ms);
    log.push(`${name} ${fails ? 'failed' : 'done'}`);
    if (fails) throw new Error(`${name} failed`);
    return name;
  });
}

// Runs one combinator, notes when it settles and how, then lets the
// stragglers end. Returns the events in order, and the outcome.
async function observe(label: string,
  combine: (ps: Promise<string>[]) => Promise<unknown>): Promise<string[]> {
  const log: string[] = [];
  const tasks = start(log);
  // A rejection is turned into one readable line; AggregateError (from
  // `any`) carries every reason, in the order of the input, not of time.
  let outcome: string;
  try {
    outcome = `resolved: ${JSON.stringify(await combine(tasks))}`;
  } catch (error) {
    const e = error as Error;
    outcome = e instanceof AggregateError
      ? `rejected: AggregateError [${e.errors.map((x: Error) =>
        x.message).join(', ')}]`
      : `rejected: ${e.name}: ${e.message}`;
  }
  // Mark the moment the combinator settled, then wait for the rest: the
  // tasks it did not wait for still run (JavaScript has no cancel).
  log.push(`(${label} settles)`);
  await Promise.allSettled(tasks);
  console.log(`${label}: ${log.join(', ')}`);
  console.log(`  -> ${outcome}`);
  return [...log, outcome];
}

export async function main(): Promise<Result> {
  // asyncio.gather, gather(return_exceptions=True), and the two
  // "first one" forms; allSettled's statuses are shortened to names.
  const runs: Record<string, string[]> = {};
  // One combinator at a time, each on fresh tasks, so logs never mix.
  runs['all'] = await observe('all', (ps) => Promise.all(ps));
  runs['allSettled'] = await observe('allSettled', async (ps) =>
    (await Promise.allSettled(ps)).map((s) => s.status));
  runs['any'] = await observe('any', (ps) => Promise.any(ps));
  runs['race'] = await observe('race', (ps) => Promise.race(ps));
  // `any` with nothing but failures: an AggregateError of them all.
  runs['any-all-fail'] = await observe('any-all-fail', (ps) =>
    Promise.any(ps.map((p) => p.then(() => {
      throw new Error('no');
    }))));

  // `race([])` stays pending forever: we race it against a timer.
  const never = await Promise.race([Promise.race([]).then(() => 'settled'),
    sleep(50, 'still pending after 50 ms')]);
  // In asyncio, gather() with no tasks returns [] at once; an empty race
  // is a promise that can never settle, and would hang an `await`.
  console.log(`race([]): ${never}`);
  runs['race-empty'] = [never];
  return { runs };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// all: B failed, (all settles), A done, C done
//   -> rejected: Error: B failed
// allSettled: B failed, A done, C done, (allSettled settles)
//   -> resolved: ["fulfilled","rejected","fulfilled"]
// any: B failed, A done, (any settles), C done
//   -> resolved: "A"
// race: B failed, (race settles), A done, C done
//   -> rejected: Error: B failed
// any-all-fail: B failed, A done, C done, (any-all-fail settles)
//   -> rejected: AggregateError [no, B failed, no]
// race([]): still pending after 50 ms
