/**
 * The child side of ProcessPool (./process-pool.ts).
 *
 * Forked with the task module's URL as its only argument. It imports that
 * module once, says `ready`, then answers each `{ id, input }` from the
 * parent with `{ id, ok, value }` or `{ id, ok: false, error }`. When the
 * IPC channel closes (the pool closed it, or the parent died) it exits:
 * a Node child, unlike a Python daemon process, would otherwise live on.
 */
import type { FromChild, ToChild, WireError } from './process-pool.ts';

type Task = (input: unknown) => unknown;

function send(message: FromChild): void {
  // The parent may be gone; then 'disconnect' ends us just after.
  if (process.connected) process.send!(message);
}

function toWire(error: unknown): WireError {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
    };
  }
  return { name: 'Error', message: String(error) };
}

async function serve(moduleUrl: string): Promise<void> {
  // A parent that dies closes the channel: we go with it.
  process.on('disconnect', () => process.exit(0));
  // The channel may have closed while this module was still loading,
  // before anyone listened for 'disconnect'.
  if (!process.connected) process.exit(0);

  let task: Task;
  try {
    const module = (await import(moduleUrl)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      throw new TypeError(`${moduleUrl} has no default export function`);
    }
    task = module.default as Task;
  } catch (error) {
    send({ kind: 'failed', error: toWire(error) });
    process.exit(1);
  }

  // One task at a time: the parent sends the next only after our reply.
  process.on('message', (message: ToChild) => {
    void (async () => {
      try {
        const value = await task(message.input);
        send({ kind: 'done', id: message.id, ok: true, value });
      } catch (error) {
        send({ kind: 'done', id: message.id, ok: false, error: toWire(error) });
      }
    })();
  });
  send({ kind: 'ready' });
}

const moduleUrl = process.argv[2];
if (moduleUrl === undefined || process.send === undefined) {
  console.error('process-pool-child: start it through ProcessPool');
  process.exit(2);
}
await serve(moduleUrl);
