/**
 * Python peers: our own small Python scripts that run a suite's workload
 * the Python way, so a table can set `impl=piscina` beside
 * `peer=python-pool`. The protocol (benchmarks/peers/python/README.md):
 * we start `/usr/bin/python3 script args…` once, untimed, in its own
 * process group; for each run we write `run\n` and read one JSON line
 * `{"ns": <int>, "answer": <json>}`. The script times itself, so Python's
 * start-up is not in the numbers. `quit\n` ends it; we kill the group in
 * any case.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { exited, killGroup, spawnGroup } from '@cookbook/shared';
import type { PeerOptions } from './suite.ts';

/** Debian's Python, not a pyenv one: apt provides the peers' modules. */
export function pythonPath(): string {
  return process.env['BENCH_PYTHON'] ?? '/usr/bin/python3';
}

export function scriptPath(script: URL | string): string {
  return script instanceof URL ? fileURLToPath(script) : script;
}

/** Why the peer cannot run here, or undefined if it can. */
export function peerSkipReason(
  peer: PeerOptions,
  python: string = pythonPath(),
): string | undefined {
  const probe = spawnSync(python, ['-c', 'import sys'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return `${python} not found`;
  for (const module of peer.modules ?? []) {
    const r = spawnSync(python, ['-c', `import ${module}`], {
      stdio: 'ignore',
    });
    if (r.status !== 0) {
      return `${python} lacks module ${module} ` +
        `(apt install python3-${module.toLowerCase()})`;
    }
  }
  return undefined;
}

export interface PeerReply {
  ns: number;
  answer: unknown;
}

/** One running peer script. */
export class PeerProcess {
  private readonly child: ChildProcess;
  private readonly lines: Interface;
  private readonly pending: string[] = [];
  private waiter: ((line: string | undefined) => void) | undefined;
  private stderr = '';
  private closed = false;

  constructor(peer: PeerOptions, python: string = pythonPath()) {
    this.child = spawnGroup(
      python,
      [scriptPath(peer.script), ...(peer.args ?? [])],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.child.stdin!.on('error', () => {}); // reported as "exited"
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.lines = createInterface({ input: this.child.stdout! });
    this.lines.on('line', (line) => this.deliver(line));
    this.lines.on('close', () => {
      this.closed = true;
      this.deliver(undefined);
    });
    this.child.on('error', () => this.deliver(undefined));
  }

  private deliver(line: string | undefined): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(line);
    } else if (line !== undefined) {
      this.pending.push(line);
    }
  }

  private nextLine(): Promise<string | undefined> {
    const line = this.pending.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** The last line the script wrote to stderr, for error messages. */
  private lastError(): string {
    const lines = this.stderr.trim().split('\n');
    return lines[lines.length - 1] ?? '';
  }

  async run(): Promise<PeerReply> {
    this.child.stdin!.write('run\n');
    const line = await this.nextLine();
    if (line === undefined) {
      const why = this.lastError();
      throw new Error(`peer exited${why ? `: ${why}` : ''}`);
    }
    let reply: unknown;
    try {
      reply = JSON.parse(line);
    } catch {
      throw new Error(`peer wrote a line that is not JSON: ${line}`);
    }
    const r = reply as Partial<PeerReply> | null;
    if (typeof r?.ns !== 'number' || !('answer' in r)) {
      throw new Error(`peer reply lacks "ns" or "answer": ${line}`);
    }
    return { ns: r.ns, answer: r.answer };
  }

  /** Asks the script to quit, then kills its whole process group. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin!.end('quit\n');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((resolve) => {
        timer = setTimeout(resolve, 2000);
      });
      await Promise.race([exited(this.child).catch(() => {}), late]);
      clearTimeout(timer);
    }
    // Pool workers the script forked live in the same group.
    killGroup(this.child, 'SIGKILL');
    this.lines.close();
  }
}
