// Preloaded (--import) into every recipe the runner starts. A recipe lets
// its errors surface; here we turn an uncaught one (a crashed worker, a
// dead server, a failed assertion) into one clear line instead of a stack
// trace, and exit with REPORTED so the runner adds nothing. Set
// COOKBOOK_STACK=1 to see the whole trace. Plain JavaScript, because
// worker threads inherit this flag and Node 20 workers cannot load .ts.
import { isMainThread } from 'node:worker_threads';

const REPORTED = 70; // EX_SOFTWARE in sysexits.h; scripts/lib/launch.ts too

if (isMainThread) {
  process.on('uncaughtException', (error) => {
    const id = process.env.COOKBOOK_RECIPE ?? 'recipe';
    const what = error instanceof Error
      ? `${error.name}: ${error.message}` : String(error);
    console.error(`${id}: ${what}`);
    if (process.env.COOKBOOK_STACK === '1' && error instanceof Error) {
      console.error(error.stack);
    }
    process.exit(REPORTED);
  });
}
