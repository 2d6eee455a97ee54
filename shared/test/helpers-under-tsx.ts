// Runs every helper once under plain `tsx` and prints a JSON summary; the
// test runs this file as a subprocess, the way readers run recipes.
import {
  exited,
  forkTs,
  isEntry,
  join,
  nextMessage,
  pool,
  spawnWorker,
} from '../src/index.ts';

const worker = spawnWorker(new URL('./echo-worker.ts', import.meta.url), {
  n: 21,
});
const doubled = await nextMessage<number>(worker);
const code = await join(worker);

const tasks = pool(new URL('./double.task.ts', import.meta.url));
const pooled = await tasks.run(4);
await tasks.destroy();

const child = forkTs(new URL('./child.ts', import.meta.url), ['7'], {
  stdio: 'ignore',
});
const { code: childCode } = await exited(child);

const entry = isEntry(import.meta.url);
console.log(JSON.stringify({ doubled, code, pooled, childCode, entry }));
