/**
 * What every Slurm recipe's test does first: start one cluster for the
 * file, run the recipe's main() on it once, and stop the cluster after
 * the file's last test. `oneRun(main)` returns a getter for the result.
 */
import { afterAll, beforeAll } from 'vitest';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';

export function oneRun<R>(main: (cluster: SlurmCluster) => Promise<R>,
  timeoutMs = 60_000): () => R {
  let cluster: SlurmCluster | undefined;
  let result: R | undefined;
  beforeAll(async () => {
    cluster = await startSlurm();
    result = await main(cluster);
  }, timeoutMs);
  afterAll(() => cluster?.close());
  return () => {
    if (result === undefined) throw new Error('the recipe did not run');
    return result;
  };
}
