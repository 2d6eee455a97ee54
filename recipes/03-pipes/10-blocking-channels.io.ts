/**
 * The blocking reads and writes of pipes/blocking-channels.
 *
 * `stdio-sync`: a child that skips its event loop and echoes its stdin
 * with blocking reads. `fifo-sync`: Python's way, blocking on BOTH
 * ends. `multiprocessing.Pipe` is a socketpair on which `send` and
 * `recv` simply wait in the kernel; Node cannot make a socketpair, but
 * two named pipes (FIFOs) opened with `fs.openSync` give blocking file
 * descriptors, and `readSync`/`writeSync` wait on them the same way.
 * While the parent waits for a reply its event loop is frozen, exactly
 * as a Python `recv` freezes its thread: no timer, no other I/O runs.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync }
  from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFrameSync, writeFrameSync } from '@cookbook/shared/framing';

// ── stdio-sync child: blocking reads on fd 0, raw bytes back ─────────
// A blocking read on fd 0 returns as soon as bytes arrive, and EOF
// (n = 0) means we are done. Node leaves the pipes non-blocking, so a
// full pipe answers EAGAIN: then we sleep a millisecond and try again.
export function echoStdioBlocking(): never {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const retry = <T>(call: () => T): T => {
    for (;;) {
      try {
        return call();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(nap, 0, 0, 1);
      }
    }
  };
  for (;;) {
    const n = retry(() => readSync(0, buffer));
    if (n === 0) process.exit(0);
    for (let sent = 0; sent < n;) {
      sent += retry(() => writeSync(1, buffer, sent, n - sent));
    }
  }
}

// ── fifo-sync child: opens both FIFOs, echoes whole frames ───────────
// The child reads a whole frame before it answers, as Python's `recv`
// does: a 16 MB message then never has both sides stuck writing.
export function echoFifos(toChild: string, toParent: string): void {
  const input = openSync(toChild, 'r');
  const output = openSync(toParent, 'w');
  process.send!('open', () => {
    for (;;) {
      const frame = readFrameSync(input);
      if (frame === undefined) process.exit(0); // the parent closed
      writeFrameSync(output, frame);
    }
  });
}

// ── fifo-sync parent: one FIFO each way, blocking calls ──────────────
export class FifoPair {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'cookbook-fifos-'));
  readonly toChild = path.join(this.dir, 'to-child');
  readonly toParent = path.join(this.dir, 'to-parent');
  #spare: number[];
  #out: number;
  #in: number;

  // Opening one end of a FIFO blocks until the other end is open. On
  // Linux an 'r+' open never blocks, so we hold a spare end of each
  // FIFO: our own ends open at once, and so will the child's.
  constructor() {
    execFileSync('mkfifo', [this.toChild, this.toParent]);
    this.#spare = [openSync(this.toChild, 'r+'), openSync(this.toParent, 'r+')];
    this.#out = openSync(this.toChild, 'w');
    this.#in = openSync(this.toParent, 'r');
  }

  // Once the child holds its ends, the spares go (else we would never
  // see its end of file), and so do the names.
  opened(): void {
    for (const fd of this.#spare.splice(0)) closeSync(fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  // One round trip; it blocks this thread until the reply is here. No
  // reply means the child is gone: our write found no reader (EPIPE),
  // or our read found the end of its pipe.
  call(payload: Uint8Array): Buffer | undefined {
    try {
      writeFrameSync(this.#out, payload);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return undefined;
      throw error;
    }
    return readFrameSync(this.#in);
  }

  // Closing our write end is the child's end of file.
  close(): void {
    this.opened();
    if (this.#out < 0) return;
    closeSync(this.#out);
    closeSync(this.#in);
    this.#out = this.#in = -1;
  }
}
