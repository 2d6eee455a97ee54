// The jobs of cluster-cloud/pi-job-array. As an array task (`map <dir>
// <trials>`), it throws `trials` seeded darts at the unit square and
// writes how many fell inside the quarter circle to
// <dir>/hits.<task>.json; as the reduce job (`reduce <dir> <tasks>`), it
// adds the counts up and writes <dir>/pi.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Darts inside the quarter circle, from a Park-Miller generator seeded
 * with `seed`: the same count on any machine, in any process.
 */
export function countHits(seed: number, trials: number): number {
  const M = 2_147_483_647;
  let s = seed + 1;
  let hits = 0;
  for (let i = 0; i < trials; i++) {
    s = (s * 48_271) % M;
    const x = s / M;
    s = (s * 48_271) % M;
    const y = s / M;
    if (x * x + y * y <= 1) hits++;
  }
  return hits;
}

function run(): void {
  const [mode, dir, n] = process.argv.slice(2) as [string, string, string];
  if (mode === 'map') {
    const task = Number(process.env['SLURM_ARRAY_TASK_ID']);
    const hits = countHits(task, Number(n));
    writeFileSync(join(dir, `hits.${task}.json`),
      JSON.stringify({ task, hits, trials: Number(n) }));
  } else {
    let hits = 0;
    let trials = 0;
    for (let task = 0; task < Number(n); task++) {
      const part = JSON.parse(readFileSync(join(dir, `hits.${task}.json`),
        'utf8')) as { hits: number; trials: number };
      hits += part.hits;
      trials += part.trials;
    }
    writeFileSync(join(dir, 'pi.json'),
      JSON.stringify({ hits, trials, pi: (4 * hits) / trials }));
  }
}

// Run only as a job: the recipe imports countHits for its serial check.
// (No @cookbook/shared here: the job is bundled into one plain .mjs.)
const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) run();
