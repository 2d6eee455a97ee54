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
 * The book passes a `multiprocessing.Barrier(2)` and a `Lock` to p1 and
 * p2: both wait at the barrier, then print a timestamp under the lock;
 * p3 and p4 print at once. Python builds those on OS semaphores in shared
 * memory. Node processes share no memory (a SharedArrayBuffer cannot
 * cross a process boundary), so the parent is the coordinator: children
 * ask it over their IPC channel to wait or to take the lock, and it
 * answers when they may go on. Every step gets a tick from the
 * coordinator's clock, which proves the order without trusting wall time.
 */
import type { ChildProcess } from 'node:child_process';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

const PARTIES = 2;
export const NAMES = ['p1 - test_with_barrier', 'p2 - test_with_barrier',
  'p3 - test_without_barrier', 'p4 - test_without_barrier'];

type Op = 'wait' | 'acquire' | 'release';
interface Ask { op: Op; id: number }
interface Answer { id: number; tick: number }

// ── Child side: a stub that turns each request into a promise ────────
let nextId = 0;
function ask(op: Op): Promise<number> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onAnswer = (a: Answer): void => {
      if (a.id !== id) return;
      process.off('message', onAnswer);
      resolve(a.tick);
    };
    process.on('message', onAnswer);
    process.send!({ op, id } satisfies Ask);
  });
}

// Python prints `datetime.fromtimestamp(now)`; we print local ISO time.
const stamp = (ms: number): string =>
  new Date(ms - new Date().getTimezoneOffset() * 60_000).toISOString()
    .replace('T', ' ').replace('Z', '');

async function testWithBarrier(name: string): Promise<void> {
  await ask('wait');
  const now = Date.now();
  await ask('acquire');
  console.log(`process ${name} ----> ${stamp(now)}`);
  await ask('release');
  process.disconnect();
}

function testWithoutBarrier(name: string): void {
  console.log(`process ${name} ----> ${stamp(Date.now())}`);
  process.disconnect();
}

// ── Main side: the coordinator ───────────────────────────────────────
export interface Step {
  name: string;
  op: Op | 'released' | 'acquired';
  tick: number;
}

export async function main(): Promise<Step[]> {
  const steps: Step[] = [];
  let tick = 0;
  const log = (name: string, op: Step['op']): number => {
    steps.push({ name, op, tick: ++tick });
    return tick;
  };
  const reply = (c: ChildProcess, id: number, t: number): void => {
    c.send({ id, tick: t } satisfies Answer);
  };
  // The barrier's waiting room, and the lock's holder and queue.
  let arrived: Array<[ChildProcess, number, string]> = [];
  let holder: string | undefined;
  const queue: Array<[ChildProcess, number, string]> = [];

  const handle = (c: ChildProcess, name: string, { op, id }: Ask): void => {
    log(name, op);
    if (op === 'wait') {
      arrived.push([c, id, name]);
      if (arrived.length < PARTIES) return;
      for (const [w, wid, wname] of arrived) {
        reply(w, wid, log(wname, 'released'));
      }
      arrived = [];
    } else if (op === 'acquire') {
      queue.push([c, id, name]);
    } else {
      holder = undefined;
      reply(c, id, tick);
    }
    // Hand the lock to the next in line, if it is free.
    if (holder === undefined && queue.length > 0) {
      const [n, nid, nname] = queue.shift()!;
      holder = nname;
      reply(n, nid, log(nname, 'acquired'));
    }
  };

  const children = NAMES.map((name) => {
    const role = name.includes('without') ? 'without' : 'with';
    const c = forkRole(import.meta.url, role, [name]);
    c.on('message', (m) => handle(c, name, m as Ask));
    return c;
  });
  await Promise.all(children.map((c) => exited(c)));

  // The proof, from the ticks: nobody left before the last arrival.
  const ticks = (op: Step['op']): number[] =>
    steps.filter((s) => s.op === op).map((s) => s.tick);
  const lastArrival = Math.max(...ticks('wait'));
  const leftAfter = ticks('released').every((t) => t > lastArrival);
  console.log(`both left the barrier after the last arrival: ${leftAfter}`);
  return steps;
}

const role = childRole(import.meta.url);
if (role === 'with') await testWithBarrier(childArgs()[0]!);
else if (role === 'without') testWithoutBarrier(childArgs()[0]!);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// process p1 - test_with_barrier ----> {*}
// process p2 - test_with_barrier ----> {*}
// process p3 - test_without_barrier ----> {*}
// process p4 - test_without_barrier ----> {*}
// both left the barrier after the last arrival: true
