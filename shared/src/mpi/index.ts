/**
 * @cookbook/shared/mpi: an MPI-like communicator for Node, modelled on
 * mpi4py. Read comm.ts for the API, engine.ts for how messages match,
 * sab.ts / port.ts / socket.ts for how bytes move, launch.ts for how
 * ranks start and how a job fails.
 */
export {
  ANY_SOURCE,
  ANY_TAG,
  CartComm,
  Comm,
  MpiError,
  PROC_NULL,
  Request,
  Status,
  type TypedArray,
} from './comm.ts';
export {
  LAND, LOR, MAX, MAXLOC, MIN, MINLOC, Op, PROD, SUM,
} from './ops.ts';
export { MpiAbort } from './transport.ts';
export {
  args,
  DeadlockError,
  inRank,
  MpiJobError,
  mpiRun,
  runRank,
  world,
  type Blocked,
  type RunOptions,
  type TransportName,
} from './launch.ts';
export { envRank } from './socket.ts';
export { serveRequests, startJob, type Job } from './job.ts';
