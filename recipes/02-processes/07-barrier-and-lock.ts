/**
 * Synchronizing processes: a barrier and a lock across processes
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Synchronizing processes
 * @book    1e ch. 3 "Process-based Parallelism" › How to synchronize
 *          processes
 * @python  Chapter03/processes_barrier.py
 * @covers  P7
 * @run     npm run recipe -- processes/barrier-and-lock
 * @timeout 60000
 * @see     threads/barrier — the same barrier between threads
 *
 * The book's p1 and p2 meet at a `multiprocessing.Barrier(2)`, then print
 * under a `Lock`; p3 and p4 print at once. Node processes share no memory.
 */
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { answerCalls, callParent } from '@cookbook/shared/ipc-call';

// Two processes meet at the barrier; the other two do not wait.
const PARTIES = 2;
export const NAMES = ['p1 - test_with_barrier', 'p2 - test_with_barrier',
  'p3 - test_without_barrier', 'p4 - test_without_barrier'];

// What a child may ask the coordinator for.
type Op = 'wait' | 'acquire' | 'release';

// No SharedArrayBuffer crosses a process, so the parent coordinates:
// `callParent` (shared/src/ipc-call.ts) asks it over IPC to wait or to
// take the lock, and resolves only when it answers; then the child goes on.
const ask = (op: Op): Promise<number> => callParent<Op, number>(op);

// Python prints `datetime.fromtimestamp(now)`; we print local ISO time.
const stamp = (ms: number): string =>
  new Date(ms - new Date().getTimezoneOffset() * 60_000).toISOString()
    .replace('T', ' ').replace('Z', '');

// The book's test_with_barrier: meet the other, then print under the lock.
async function testWithBarrier(name: string): Promise<void> {
  await ask('wait');
  const now = Date.now();
  await ask('acquire');
  console.log(`process ${name} ----> ${stamp(now)}`);
  await ask('release');
}

// The book's test_without_barrier: print at once.
function testWithoutBarrier(name: string): void {
  console.log(`process ${name} ----> ${stamp(Date.now())}`);
}

// Every request and answer the coordinator saw, each with a tick of its
// logical clock, which proves the order without trusting wall time.
export interface Step { name: string; op: Op | 'released' | 'acquired';
  tick: number }
// Main is the coordinator: it owns the barrier and the lock.
export async function main(): Promise<Step[]> {
  // The clock: a step's tick is its place in the log (what push returns).
  const steps: Step[] = [];
  const log = (name: string, op: Step['op']): number =>
    steps.push({ name, op, tick: steps.length + 1 });
  // The barrier's waiting room, and the lock's holder and queue. A
  // request waits in them as the resolve function of its answer.
  let arrived: Array<[string, (tick: number) => void]> = [];
  let holder: string | undefined;
  const queue: Array<[string, (tick: number) => void]> = [];
  // Hand the lock to the next in line, if it is free.
  const grant = (): void => {
    if (holder !== undefined || queue.length === 0) return;
    const [next, answer] = queue.shift()!;
    holder = next;
    answer(log(next, 'acquired'));
  };
  // A `wait` is answered when all are in, an `acquire` when it is ours.
  const handle = (name: string, op: Op): Promise<number> =>
    new Promise((answer) => {
      log(name, op);
      if (op === 'wait') {
        arrived.push([name, answer]);
        // The last to arrive releases everyone in the waiting room.
        if (arrived.length < PARTIES) return;
        for (const [waiter, go] of arrived) go(log(waiter, 'released'));
        arrived = [];
      } else if (op === 'acquire') {
        queue.push([name, answer]);
        grant();
      } else {
        // A release frees the lock and hands it to the next in line.
        holder = undefined;
        answer(steps.length);
        grant();
      }
    });

  // Four children, each answered by the coordinator over IPC.
  await Promise.all(NAMES.map((name) => {
    const role = name.includes('without') ? 'without' : 'with';
    const c = forkRole(import.meta.url, role, [name]);
    answerCalls<Op, number>(c, (op) => handle(name, op));
    return exited(c);
  }));

  // The proof, from the ticks: nobody left before the last arrival.
  const ticks = (op: Step['op']): number[] =>
    steps.filter((s) => s.op === op).map((s) => s.tick);
  const lastArrival = Math.max(...ticks('wait'));
  const leftAfter = ticks('released').every((t) => t > lastArrival);
  console.log(`both left the barrier after the last arrival: ${leftAfter}`);
  return steps;
}

// A child plays its role, then closes its IPC channel so it can exit.
const role = childRole(import.meta.url);
if (role === 'with') await testWithBarrier(childArgs()[0]!);
else if (role === 'without') testWithoutBarrier(childArgs()[0]!);
else if (isEntry(import.meta.url)) await main();
if (role !== undefined) process.disconnect();

// Unordered output:
// process p1 - test_with_barrier ----> {*}
// process p2 - test_with_barrier ----> {*}
// process p3 - test_without_barrier ----> {*}
// process p4 - test_without_barrier ----> {*}
// both left the barrier after the last arrival: true
