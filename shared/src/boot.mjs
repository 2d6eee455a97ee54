// Worker bootstrap. Node 20 cannot start a worker on a `.ts` file, even
// under tsx (nodejs/node#47747), so every TypeScript worker starts here:
// we register tsx's loader inside the worker, then import the real entry.
// This is the one file that must stay JavaScript.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
