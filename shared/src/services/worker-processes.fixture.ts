// A worker process for worker-processes.test.ts: `worker ok` serves
// until stopped (its close() reports over IPC); `worker fail` exits 3
// before saying it is ready.
import { isWorkerProcess, serveUntilStopped, workerArgs } from
  './worker-processes.ts';

if (isWorkerProcess()) {
  if (workerArgs()[0] === 'fail') process.exit(3);
  serveUntilStopped({
    // Wait until the message is sent: the process exits right after.
    close: () => new Promise<void>((resolve) =>
      process.send?.('closed', () => resolve())),
  });
}
