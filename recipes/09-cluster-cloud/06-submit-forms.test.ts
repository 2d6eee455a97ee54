import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSlurm, type SlurmCluster } from
  '@cookbook/shared/services/slurm';
import { main, type Result } from './06-submit-forms.ts';

let cluster: SlurmCluster;
let result: Result;
beforeAll(async () => {
  cluster = await startSlurm();
  result = await main(cluster);
}, 60_000);
afterAll(() => cluster?.close());

test('the wrapped command and the batch script run the same job', () => {
  expect(result.wrapped).toEqual({ state: 'COMPLETED',
    output: 'Hello, Slurm!' });
  expect(result.scripted.state).toBe('COMPLETED');
  expect(result.scripted.output).toBe('Hello, Slurm!');
});

test('the #SBATCH lines set the script job\'s options', () => {
  expect(result.scripted.name).toBe('simple');
  expect(result.script).toMatch(/^#!\/bin\/bash\n#SBATCH --job-name=simple\n/);
});
