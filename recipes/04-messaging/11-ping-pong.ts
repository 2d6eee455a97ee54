/**
 * Ping-pong: the latency and bandwidth between two ranks
 *
 * @book    2e ch. 4 "Message Passing" (beyond the book: the classic MPI
 *          measurement, PingPong in Intel's MPI Benchmarks)
 * @covers  none
 * @ranks   2
 * @timeout 60000
 * @run     npm run recipe -- messaging/ping-pong
 * @see     messaging/point-to-point; `npm run bench -- messaging`
 *
 * Rank 0 sends a message to rank 1, which sends it straight back; half
 * the round trip is the latency. With bigger messages the time is
 * dominated by copying, and size / (round trip / 2) is the bandwidth.
 * Between worker threads our messages go through SharedArrayBuffer
 * rings: a waiting rank spins for a few microseconds before it sleeps
 * in `Atomics.wait`, so a reply that comes quickly is seen at once. The
 * same file runs under Open MPI, as processes on TCP:
 * `mpirun -np 2 node --import tsx recipes/04-messaging/11-ping-pong.ts`.
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// Ranks 0 and 1 play; the message goes back and forth between them.
const RANKS = 2;
// Round trips per size; the big sizes need fewer.
const TRIPS = 500;
const SIZES = [8, 1024, 64 * 1024, 1024 * 1024];

/**
 * `trips` round trips of a `bytes`-long buffer between ranks 0 and 1;
 * resolves with the ms they took (on rank 0) and whether every echo
 * came back intact.
 */
export async function pingPong(comm: Comm, bytes: number, trips: number):
Promise<{ ms: number; intact: boolean }> {
  // One buffer, reused for every trip: Send copies it into the ring and
  // Recv copies the echo back into it, so nothing is allocated per trip.
  const message = new Uint8Array(bytes);
  let intact = true;
  const start = performance.now();
  for (let i = 0; i < trips; i++) {
    if (comm.rank === 0) {
      message[0] = i & 0xff; // a stamp, so a stale echo would show
      await comm.Send(message, { dest: 1 });
      await comm.Recv(message, { source: 1 });
      if (message[0] !== ((i + 1) & 0xff)) intact = false;
    } else if (comm.rank === 1) {
      // Rank 1 bumps the stamp and sends the message straight back.
      await comm.Recv(message, { source: 0 });
      message[0] = (message[0]! + 1) & 0xff;
      await comm.Send(message, { dest: 0 });
    }
  }
  return { ms: performance.now() - start, intact };
}

// ── Rank side ──────────────────────────────────────────────────────
async function measure(comm: Comm): Promise<boolean> {
  let intact = true;
  await pingPong(comm, 8, 200); // warm up: JIT and first page faults
  // Fewer trips for big messages, so every size takes similar time.
  for (const bytes of SIZES) {
    const trips = Math.max(10, Math.min(TRIPS, (16 << 20) / bytes));
    const run = await pingPong(comm, bytes, trips);
    intact &&= run.intact;
    // Half a round trip is the latency; two copies of the message per
    // round trip over the time is the bandwidth.
    if (comm.rank !== 0) continue;
    const us = (run.ms * 1000) / trips;
    const mbs = (2 * bytes * trips) / (run.ms / 1000) / 1e6;
    console.log(`${String(bytes).padStart(7)} B: round trip ` +
      `${us.toFixed(1)} us, ${mbs.toFixed(0)} MB/s (${comm.transport})`);
  }
  // For comparison: mpi4py's 8 B round trip, measured on this machine.
  if (comm.rank === 0) {
    console.log('(mpi4py on this machine: 8 B Send/Recv 1.4-1.9 us)');
  }
  return intact;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** Did every echo come back with rank 1's stamp, on both ranks? */
  intact: boolean[];
}

// Two ranks; each says whether all its echoes were right.
export async function main(): Promise<Result> {
  return { intact: await mpiRun(new URL(import.meta.url), RANKS) };
}

// A rank runs `measure`; run directly, this file starts the ranks.
if (inRank()) await runRank(measure);
else if (isEntry(import.meta.url)) await main();

// Output:
//       8 B: round trip {*} us, {*} MB/s (sab)
//    1024 B: round trip {*} us, {*} MB/s (sab)
//   65536 B: round trip {*} us, {*} MB/s (sab)
// 1048576 B: round trip {*} us, {*} MB/s (sab)
// (mpi4py on this machine: 8 B Send/Recv 1.4-1.9 us)
