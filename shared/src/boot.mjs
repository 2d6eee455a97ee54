// Bootstrap for every TypeScript worker and forked child. Node 20 cannot
// start a worker on a `.ts` file, even under tsx (nodejs/node#47747),
// so spawnWorker() starts this file instead. This is the one file that
// must stay JavaScript.
//
// The fast path (see bundle.mjs): the parent hands us a bundle, plain
// JavaScript compiled from the `.ts` entry and cached on disk. We turn
// on source maps first, so that stack traces name `.ts` lines, then
// import it: no loader runs in this thread at all.
// The fallback: register tsx's loader here, then import the `.ts` entry
// itself, compiling each module as it loads (~5x slower to start).
//
// forkTs() runs this file as a child process's script:
//   node boot.mjs <bundle URL> <entry path> ...args
// and we take our own two arguments out of process.argv, so the child
// sees `process.argv[1]` as its `.ts` file, as under tsx, and isEntry()
// recognises it.
import { isMainThread, workerData } from 'node:worker_threads';

if (isMainThread) {
  const bundle = process.argv[2];
  process.argv.splice(1, 2);
  process.setSourceMapsEnabled(true);
  await import(bundle);
} else if (workerData.bundle !== undefined) {
  process.setSourceMapsEnabled(true);
  await import(workerData.bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(workerData.entry);
}
