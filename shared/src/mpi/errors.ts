/** The ways a whole job ends badly, as the launcher reports them. */
import { ANY_SOURCE, ANY_TAG } from './engine.ts';

/** One rank failed: the job was aborted with its error. */
export class MpiJobError extends Error {
  override name = 'MpiJobError';
  readonly rank: number;
  constructor(rank: number, message: string) {
    super(message);
    this.rank = rank;
  }
}

export interface Blocked { rank: number; op: string; peer: number; tag: number }

/** Every rank waits for a message that can never come. */
export class DeadlockError extends Error {
  override name = 'DeadlockError';
  readonly blocked: Blocked[];
  constructor(blocked: Blocked[]) {
    super('deadlock: ' + blocked.map(describe).join('; '));
    this.blocked = blocked;
  }
}

function describe(b: Blocked): string {
  const peer = b.peer === ANY_SOURCE ? 'ANY_SOURCE' : String(b.peer);
  const tag = b.tag === ANY_TAG ? 'ANY_TAG' : String(b.tag);
  return b.op === 'recv'
    ? `rank ${b.rank} waits in recv(source=${peer}, tag=${tag})`
    : `rank ${b.rank} waits in send(dest=${peer}, tag=${tag})`;
}

