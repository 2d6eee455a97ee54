/**
 * Synchronisation primitives for worker threads, built on
 * SharedArrayBuffer + Atomics: `import { Mutex } from
 * '@cookbook/shared/sync'`.
 *
 * Every primitive shares the same way: `new X(...)` allocates shared
 * memory, `x.shared` is a structured-cloneable value to post to a
 * worker (or put in workerData), and `X.from(shared)` rebuilds it
 * there. Blocking methods (`lock`, `wait`, `get`, ...) suit workers;
 * their `...Async` twins use `Atomics.waitAsync` and suit the main
 * thread, whose event loop must keep running. On one thread, use one
 * kind per primitive (see mutex.ts for why).
 *
 * Scoped forms return a `Guard` for `using`:
 *   using guard = mutex.acquire();      // unlocked at the end of block
 *   using permit = await sem.holdAsync();
 * Every wait loops on its condition: `Atomics.notify` wakes a thread,
 * it does not promise that what it waits for is true.
 *
 * These files are the second half of chapter 1's lessons: each opens
 * with how its primitive is built on shared cells, why each state
 * exists, and where it departs from Python's `threading` on purpose
 * (futex.ts lists the conventions they share: milliseconds, negative
 * timeouts, kind tags, int32 counts).
 */
export { Barrier, BrokenBarrierError, type BarrierShared } from './barrier.ts';
export {
  BoundedQueue,
  QueueClosedError,
  type BoundedQueueShared,
} from './bounded-queue.ts';
export { Condition, type ConditionShared } from './condition.ts';
export { Event, type EventShared } from './event.ts';
export { Guard, TimeoutError } from './futex.ts';
export { Mutex, type MutexShared } from './mutex.ts';
export { RLock, type RLockShared } from './rlock.ts';
export {
  BoundedSemaphore,
  Semaphore,
  type SemaphoreShared,
} from './semaphore.ts';
export { WaitGroup, type WaitGroupShared } from './wait-group.ts';
