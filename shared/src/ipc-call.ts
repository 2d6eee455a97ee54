/**
 * Request and reply over a child's IPC channel.
 *
 * `process.send` and the `'message'` event carry one-way messages. Many
 * recipes need a call that returns: the child asks its parent (who holds
 * a queue, a lock, a dict) and waits for the answer. Each request gets an
 * id; the parent's handler may answer later (a lock that is taken, a
 * queue that is empty), and the reply with the same id settles the call.
 */
import type { ChildProcess } from 'node:child_process';

interface Request<Q> {
  callId: number;
  request: Q;
}
interface Reply<A> {
  callId: number;
  reply: A;
}

let nextCallId = 0;

/** In a child: asks the parent and resolves with its answer. */
export function callParent<Q, A>(request: Q): Promise<A> {
  if (process.send === undefined) {
    return Promise.reject(new Error('callParent: no IPC channel'));
  }
  const callId = nextCallId++;
  return new Promise<A>((resolve, reject) => {
    const onMessage = (message: Reply<A>): void => {
      if (message?.callId !== callId) return;
      cleanup();
      resolve(message.reply);
    };
    const onDisconnect = (): void => {
      cleanup();
      reject(new Error('callParent: the parent closed the channel'));
    };
    const cleanup = (): void => {
      process.off('message', onMessage);
      process.off('disconnect', onDisconnect);
    };
    process.on('message', onMessage);
    process.once('disconnect', onDisconnect);
    process.send!({ callId, request } satisfies Request<Q>);
  });
}

/**
 * In the parent: answers every call from `child` with `handler`, which
 * may return a promise to answer later.
 */
export function answerCalls<Q, A>(
  child: ChildProcess,
  handler: (request: Q) => A | Promise<A>,
): void {
  child.on('message', (message: Request<Q>) => {
    if (typeof message?.callId !== 'number') return;
    void Promise.resolve(handler(message.request)).then((reply) => {
      if (child.connected) {
        child.send({ callId: message.callId, reply } satisfies Reply<A>);
      }
    });
  });
}
