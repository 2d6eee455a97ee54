/**
 * The worker side of async/cancellation: a task that computes for
 * `ms` milliseconds and never looks at any signal. Only terminating
 * its thread can stop it.
 */
export default function busy(ms: number): number {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return spins;
}
