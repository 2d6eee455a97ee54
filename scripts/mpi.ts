/**
 * `npm run mpi -- -n 4 <recipe id | file>`: our `mpiexec -n 4`.
 *
 *   npm run mpi -- -n 10 messaging/scatter          10 worker-thread ranks
 *   npm run mpi -- -n 2 --procs messaging/ping-pong 2 processes over TCP
 *   npm run mpi -- -n 4 --transport unix path/to/program.ts
 *
 * The program calls `runRank(body)` from `@cookbook/shared/mpi` when
 * `inRank()`; every rank imports it, as mpiexec runs one script N times.
 * A failing rank aborts the job: we print its error in one line and exit
 * 1. A deadlock is reported the same way, naming the ranks and tags.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mpiRun, type TransportName } from '../shared/src/mpi/index.ts';
import { loadRecipes, resolveRecipe } from './lib/recipes.ts';

const USAGE = `usage: npm run mpi -- -n <ranks> [--procs | --transport ` +
  `sab|port|tcp|unix] [--deadlock MS] <recipe id | file>`;
const TRANSPORTS = ['sab', 'port', 'tcp', 'unix'];

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      n: { type: 'string', short: 'n' },
      np: { type: 'string' },
      procs: { type: 'boolean' },
      transport: { type: 'string' },
      deadlock: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(`mpi: ${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const ranks = Number(values.n ?? values.np ?? 1);
if (!Number.isInteger(ranks) || ranks < 1 || ranks > 256) {
  fail(`mpi: -n must be a whole number from 1 to 256\n${USAGE}`);
}
const transport = (values.transport ??
  (values.procs ? 'tcp' : 'sab')) as TransportName;
if (!TRANSPORTS.includes(transport)) {
  fail(`mpi: unknown transport '${transport}'; one of ` +
    `${TRANSPORTS.join(', ')}`);
}
const deadlockMs = values.deadlock === undefined ? undefined
  : Number(values.deadlock);
if (deadlockMs !== undefined && !(deadlockMs > 0)) {
  fail('mpi: --deadlock must be a positive number of milliseconds');
}
if (positionals.length !== 1) fail(USAGE);

// A file path wins; otherwise a recipe id or unique suffix.
const query = positionals[0]!;
let file: string;
if (existsSync(query)) {
  file = resolve(query);
} else {
  const found = resolveRecipe(query, loadRecipes());
  if (found.kind === 'unknown') {
    fail(`mpi: unknown recipe '${query}'; did you mean: ` +
      `${found.suggestions.join(', ')}?`);
  }
  if (found.kind === 'ambiguous') {
    fail(`mpi: recipe '${query}' is ambiguous: ` +
      `${found.matches.map((r) => r.id).join(', ')}`);
  }
  file = found.recipe.absFile;
}

try {
  await mpiRun(pathToFileURL(file), ranks,
    deadlockMs === undefined ? { transport } : { transport, deadlockMs });
} catch (error) {
  const e = error as Error;
  fail(`mpi: ${e.message}`, 1);
}
