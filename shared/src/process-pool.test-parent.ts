/** For process-pool.test.ts: a parent that opens a pool and is killed. */
import { ProcessPool } from './process-pool.ts';

const pool = new ProcessPool(
  new URL('./process-pool.test-task.ts', import.meta.url), { size: 2 });
await pool.ready();
process.send!(pool.pids);
