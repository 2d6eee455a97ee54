/**
 * The rank program behind the chapter's benchmarks: a job that stays up
 * and answers requests (see shared/src/mpi/job.ts), so that starting
 * the ranks is never part of a sample.
 */
import {
  inRank,
  runRank,
  serveRequests,
  SUM,
  type Comm,
} from '@cookbook/shared/mpi';

export type BenchRequest =
  | { op: 'pingpong'; bytes: number; trips: number }
  | { op: 'allreduce'; n: number };

/**
 * `trips` round trips of a `bytes` buffer between ranks 0 and 1; the
 * first 8 bytes carry the trip's number as a float64 stamp. Returns the
 * sum of the stamps that came back: sum(range(trips)), as the peers.
 */
async function pingPong(comm: Comm, bytes: number, trips: number):
Promise<number> {
  const message = new Uint8Array(Math.max(8, bytes));
  const stamp = new Float64Array(message.buffer, 0, 1);
  let total = 0;
  for (let i = 0; i < trips; i++) {
    if (comm.rank === 0) {
      stamp[0] = i;
      await comm.Send(message, { dest: 1 });
      await comm.Recv(message, { source: 1 });
      total += stamp[0];
    } else if (comm.rank === 1) {
      await comm.Recv(message, { source: 0 });
      await comm.Send(message, { dest: 0 });
    }
  }
  return total;
}

// x[i] = (i % 1000) + rank on every rank, made once per size.
const arrays = new Map<number, [Float64Array, Float64Array]>();
async function allreduce(comm: Comm, n: number): Promise<number[]> {
  let pair = arrays.get(n);
  if (!pair) {
    const mine = Float64Array.from({ length: n },
      (_, i) => (i % 1000) + comm.rank);
    pair = [mine, new Float64Array(n)];
    arrays.set(n, pair);
  }
  const [mine, total] = pair;
  await comm.Allreduce(mine, total, { op: SUM });
  return [total[0]!, total[n - 1]!];
}

function handle(comm: Comm, request: BenchRequest): Promise<unknown> {
  return request.op === 'pingpong'
    ? pingPong(comm, request.bytes, request.trips)
    : allreduce(comm, request.n);
}

if (inRank()) await runRank((comm) => serveRequests(comm, handle));
