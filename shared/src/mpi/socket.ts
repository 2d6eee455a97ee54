/**
 * The socket transport: ranks as processes, one stream per pair of
 * ranks, over TCP or Unix sockets. Frames use the wire format of
 * transport.ts (a 16-byte header, then the payload).
 *
 * How ranks find each other (the rendezvous), by MPI_ADDRESS:
 *
 *   unix:<dir>     rank r listens on <dir>/<r>.sock; rank r connects to
 *                  every lower rank (one machine; our --procs launcher).
 *   <host>:<port>  rank 0 listens there; every other rank listens on a
 *                  port of its own (on MPI_HOST, default 127.0.0.1),
 *                  tells rank 0 where, and gets the whole table back;
 *                  then rank r connects to the ranks below it.
 *
 * Under Open MPI's mpirun (or Slurm's srun) with no MPI_ADDRESS, rank 0
 * listens on 127.0.0.1 at a port derived from the job id, so one host
 * works with no setup. For several hosts, export MPI_ADDRESS=<rank 0's
 * host>:<port> and MPI_HOST=<this host's address> (mpirun -x passes
 * them on), and let the firewall through; see recipes/04-messaging/README.md.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket }
  from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../net.ts';
import type { Engine } from './engine.ts';
import {
  decodeBody,
  decodeHeader,
  encode,
  HEADER_BYTES,
  type Header,
  type Packet,
  type Transport,
  type Waiting,
} from './transport.ts';
import { DeadlockError, MpiJobError, type Blocked } from './errors.ts';
import type { Line } from './launch.ts';

export interface EnvRank {
  rank: number;
  size: number;
  address: string;
  args: unknown;
}

const int = (v: string | undefined): number | undefined =>
  v === undefined || v === '' || !/^\d+$/.test(v) ? undefined : Number(v);

/** Rank and size from our launcher, Open MPI, PMI or Slurm. */
export function envRank(env = process.env): EnvRank | undefined {
  const pairs: [string, string][] = [
    ['MPI_RANK', 'MPI_SIZE'],
    ['OMPI_COMM_WORLD_RANK', 'OMPI_COMM_WORLD_SIZE'],
    ['PMI_RANK', 'PMI_SIZE'],
    ['SLURM_PROCID', 'SLURM_NTASKS'],
  ];
  for (const [r, s] of pairs) {
    const rank = int(env[r]);
    const size = int(env[s]);
    if (rank === undefined || size === undefined) continue;
    // A one-task srun is an ordinary program, not a job of one rank.
    if (r === 'SLURM_PROCID' && size < 2 && !env['MPI_ADDRESS']) continue;
    return {
      rank, size,
      address: env['MPI_ADDRESS'] ?? `127.0.0.1:${jobPort(env)}`,
      args: env['MPI_ARGS'] ? JSON.parse(env['MPI_ARGS']) : undefined,
    };
  }
  return undefined;
}

// Every rank of one mpirun/srun job sees the same job id, so they all
// derive the same port from it (in 20000..39999).
function jobPort(env: NodeJS.ProcessEnv): number {
  const job = env['PMIX_NAMESPACE'] ?? env['OMPI_MCA_ess_base_jobid'] ??
    env['OMPI_MCA_orte_ess_jobid'] ??
    `${env['SLURM_JOB_ID'] ?? ''}.${env['SLURM_STEP_ID'] ?? ''}`;
  const hash = createHash('sha1').update(job).digest();
  return 20_000 + (hash.readUInt32BE(0) % 20_000);
}

// Control frames use negative contexts: hello (who I am), bye.
const HELLO = -1;
const BYE = -2;

function frame(packet: Packet): Buffer {
  const [header, payload] = encode(packet);
  return Buffer.concat([header, payload]);
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Connects, retrying while the listener is not up yet. */
async function dial(target: string): Promise<Socket> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const s = target.startsWith('/') ? createConnection(target)
          : createConnection(Number(target.split(':')[1]),
            target.split(':')[0]);
        s.once('connect', () => {
          s.off('error', reject);
          resolve(s);
        });
        s.once('error', reject);
      });
    } catch (error) {
      if (attempt > 600) throw error; // about 30 s
      await sleep(50);
    }
  }
}

export class SocketTransport implements Transport {
  readonly name: string;
  readonly rank: number;
  readonly size: number;
  private readonly links: (Socket | undefined)[] = [];
  private readonly inbox: Packet[] = [];
  private engine: Engine | undefined;
  private wake: (() => void) | undefined;
  private server: Server | undefined;
  private closing = false;
  private blockedSince = 0;
  private reported = false;

  private constructor(env: EnvRank) {
    this.rank = env.rank;
    this.size = env.size;
    this.name = env.address.startsWith('unix:') ? 'unix' : 'tcp';
  }

  static async connect(env: EnvRank): Promise<SocketTransport> {
    const t = new SocketTransport(env);
    await t.mesh(env.address);
    return t;
  }

  attach(engine: Engine): void {
    this.engine = engine;
  }

  // ── Building the mesh ────────────────────────────────────────────
  private async mesh(address: string): Promise<void> {
    const all = new Promise<void>((resolve) => {
      this.allLinked = resolve;
    });
    if (this.size === 1) return;
    if (address.startsWith('unix:')) {
      const dir = address.slice(5);
      await this.listen(join(dir, `${this.rank}.sock`));
      for (let r = 0; r < this.rank; r++) {
        this.adopt(await dial(join(dir, `${r}.sock`)), r, true);
      }
    } else {
      const [host, port] = [address.replace(/:\d+$/, ''),
        address.replace(/^.*:/, '')];
      const me = process.env['MPI_HOST'] ?? '127.0.0.1';
      if (this.rank === 0) {
        await this.listen(`${host}:${port}`);
        // The table goes out once every rank has said where it listens.
        await all;
        const table = this.table;
        for (let r = 1; r < this.size; r++) {
          this.links[r]!.write(frame({ source: 0, tag: 0, context: HELLO,
            body: { kind: 'object', value: table } }));
        }
        return;
      }
      const at = await this.listen(`${me}:0`);
      const root = await dial(`${host}:${port}`);
      this.table[this.rank] = at;
      this.adopt(root, 0, true, at);
      const table = await this.tableArrived;
      for (let r = 1; r < this.rank; r++) {
        this.adopt(await dial(table[r]!), r, true);
      }
    }
    await all;
  }

  private allLinked: () => void = () => {};
  private table: string[] = [];
  private gotTable: (t: string[]) => void = () => {};
  private readonly tableArrived = new Promise<string[]>((resolve) => {
    this.gotTable = resolve;
  });

  private listen(where: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const server = createServer((s) => this.adopt(s, -1, false));
      server.once('error', reject);
      const done = (): void => {
        const a = server.address();
        resolve(typeof a === 'string' || a === null ? where
          : `${where.replace(/:\d+$/, '')}:${a.port}`);
      };
      if (where.startsWith('/')) server.listen(where, done);
      else {
        server.listen(Number(where.replace(/^.*:/, '')),
          where.replace(/:\d+$/, ''), done);
      }
      this.server = server;
    });
  }

  // Every socket starts with a hello frame naming the dialling rank.
  private adopt(s: Socket, peer: number, dialled: boolean, at = ''): void {
    s.setNoDelay(true);
    if (dialled) {
      s.write(frame({ source: this.rank, tag: 0, context: HELLO,
        body: { kind: 'object', value: { rank: this.rank, at } } }));
      this.link(peer, s);
    }
    let from = peer;
    let said = false;
    // Each frame is copied once, chunk by chunk, into its own payload.
    const header = new Uint8Array(HEADER_BYTES);
    let headerFill = 0;
    let h: Header | undefined;
    let payload = new Uint8Array(0);
    let fill = 0;
    const arrived = (): void => {
      const body = decodeBody(h!, payload);
      if (h!.context === HELLO) {
        const v = (body as { value: { rank?: number; at?: string } }).value;
        if (Array.isArray(v)) this.gotTable(v as string[]);
        else if (from < 0) {
          from = v.rank!;
          if (v.at) this.table[from] = v.at;
          this.link(from, s);
        }
      } else if (h!.context === BYE) {
        said = true;
      } else {
        this.inbox.push({ source: from, tag: h!.tag, context: h!.context,
          body });
      }
    };
    s.on('data', (chunk: Buffer) => {
      this.moving();
      let at = 0;
      while (at < chunk.length) {
        if (h === undefined) {
          const n = Math.min(HEADER_BYTES - headerFill, chunk.length - at);
          header.set(chunk.subarray(at, at + n), headerFill);
          headerFill += n;
          at += n;
          if (headerFill < HEADER_BYTES) break;
          h = decodeHeader(header);
          payload = new Uint8Array(h.length);
          fill = 0;
        }
        const n = Math.min(payload.length - fill, chunk.length - at);
        payload.set(chunk.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill < payload.length) break;
        arrived();
        h = undefined;
        headerFill = 0;
      }
      this.wake?.();
    });
    s.on('error', () => {}); // 'close' says what matters
    s.on('close', () => {
      if (!said && !this.closing) {
        this.engine?.abort(`rank ${from} left the job without finishing`);
        this.wake?.();
      }
    });
  }

  private link(peer: number, s: Socket): void {
    this.links[peer] = s;
    const linked = this.links.filter(Boolean).length;
    if (linked === this.size - 1) this.allLinked();
  }

  // ── Transport ────────────────────────────────────────────────────
  post(dest: number, packet: Packet, done: () => void): void {
    const s = this.links[dest]!;
    if (packet.body.kind === 'object') {
      s.write(frame(packet));
      done();
    } else {
      // The caller's array is written without a copy; it may be reused
      // once the kernel has it.
      const [header, payload] = encode(packet);
      s.cork();
      s.write(header);
      s.write(payload, () => {
        this.moving();
        done();
        this.wake?.();
      });
      s.uncork();
    }
  }

  // Bytes are moving (maybe a big message, piece by piece): whatever
  // we wait for, we are not stuck.
  private moving(): void {
    if (this.blockedSince) {
      if (this.reported) process.send?.({ mpiState: 'running' });
      this.blockedSince = 0;
      this.reported = false;
    }
  }

  progress(deliver: (packet: Packet) => void): boolean {
    if (this.inbox.length === 0) return false;
    this.moving();
    for (const p of this.inbox.splice(0)) deliver(p);
    return true;
  }

  idle(ms: number, waiting: Waiting): Promise<void> {
    // Tell our launcher (if any) that we wait, for its deadlock check.
    if (!this.blockedSince) this.blockedSince = Date.now();
    else if (process.send && Date.now() - this.blockedSince > 100) {
      process.send({ mpiState: 'blocked', ...waiting });
      this.reported = true;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.min(ms, 100));
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = (): void => {
        this.wake = undefined;
        done();
      };
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const ends = this.links.map((s) => s && new Promise<void>((resolve) => {
      s.end(frame({ source: this.rank, tag: 0, context: BYE,
        body: { kind: 'object', value: null } }), () => resolve());
    }));
    await Promise.all(ends);
    this.server?.close();
  }
}

// ── Process launcher (--procs) ─────────────────────────────────────

/** Starts `size` rank processes; resolves with their return values. */
export async function launchProcesses<T>(entry: URL | string, size: number,
  kind: 'tcp' | 'unix', deadlockMs: number, args: unknown,
  rank0?: (line: Line) => void): Promise<T[]> {
  const { forkTs } = await import('../processes.ts');
  const dir = mkdtempSync(join(tmpdir(), 'mpi-'));
  const address = kind === 'unix' ? `unix:${dir}`
    : `127.0.0.1:${await freePort()}`;
  const results: T[] = new Array<T>(size);
  const blocked = new Map<number, Blocked>();
  const live = new Set<number>();
  let failure: Error | undefined;
  let stuckSince = 0;

  const children = Array.from({ length: size }, (_, rank) => {
    live.add(rank);
    return forkTs(entry, [], {
      env: {
        ...process.env, MPI_RANK: String(rank), MPI_SIZE: String(size),
        MPI_ADDRESS: address, MPI_ARGS: JSON.stringify(args ?? null),
      },
    });
  });
  const first = children[0]!;
  rank0?.({ post: (m) => first.send(m as object),
    on: (f) => first.on('message', f) });
  const abort = (error: Error): void => {
    if (failure) return;
    failure = error;
    for (const c of children) c.kill('SIGTERM');
  };
  const watch = setInterval(() => {
    const all = [...live].every((r) => blocked.has(r)) && live.size > 0;
    if (!all) stuckSince = 0;
    else if (!stuckSince) stuckSince = Date.now();
    else if (Date.now() - stuckSince > deadlockMs) {
      abort(new DeadlockError([...live].sort().map((r) => blocked.get(r)!)));
    }
  }, 50);

  try {
    await Promise.all(children.map((child, rank) => new Promise<void>(
      (resolve) => {
        child.on('message', (m: {
          mpiResult?: true; value: T; mpiState?: string; mpiError?: string;
          op: 'recv' | 'send'; peer: number; tag: number;
        }) => {
          if (m.mpiResult) results[rank] = m.value;
          if (m.mpiError) abort(new MpiJobError(rank, `rank ${rank} failed: ` +
            m.mpiError));
          if (m.mpiState === 'blocked') {
            blocked.set(rank, { rank, op: m.op, peer: m.peer, tag: m.tag });
          } else if (m.mpiState === 'running') blocked.delete(rank);
        });
        child.once('exit', (code, signal) => {
          live.delete(rank);
          blocked.delete(rank);
          if (code !== 0) {
            abort(new MpiJobError(rank, `rank ${rank} exited with ` +
              `${code ?? signal}`));
          }
          resolve();
        });
      })));
  } finally {
    clearInterval(watch);
    rmSync(dir, { recursive: true, force: true });
  }
  if (failure) throw failure;
  return results;
}
