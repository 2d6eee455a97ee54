export { isEntry } from './entry.ts';
export { randomInts } from './random.ts';
export {
  join,
  isWorkerEntry,
  joinAll,
  nextMessage,
  pool,
  spawnWorker,
  TSX_EXEC_ARGV,
  withoutTsx,
  workerInput,
  type PoolOptions,
  type SpawnOptions,
} from './workers.ts';
export { exited, forkTs, killGroup, spawnGroup } from './processes.ts';
export { isAlive } from './processes.ts';
export {
  blockingSleep,
  describePool,
  gaugeDown,
  gaugePeak,
  gaugeUp,
  meet,
  newGauge,
  runWorkers,
  warmUp,
} from './idioms.ts';
export { Thread } from './thread.ts';
