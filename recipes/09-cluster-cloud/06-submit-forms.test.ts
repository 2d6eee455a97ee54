import { expect, test } from 'vitest';
import { oneRun } from './cluster.testkit.ts';
import { main } from './06-submit-forms.ts';

const result = oneRun(main, 60_000);

test('the wrapped command and the batch script run the same job', () => {
  expect(result().wrapped).toEqual({ state: 'COMPLETED',
    output: 'Hello, Slurm!' });
  expect(result().scripted.state).toBe('COMPLETED');
  expect(result().scripted.output).toBe('Hello, Slurm!');
});

test('the #SBATCH lines set the script job\'s options', () => {
  expect(result().scripted.name).toBe('simple');
  expect(result().script)
    .toMatch(/^#!\/bin\/bash\n#SBATCH --job-name=simple\n/);
});
