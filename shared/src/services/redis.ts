/**
 * A Redis server for recipes and tests, started by the project.
 *
 * `startRedis()` starts Debian's `redis-server` on a free 127.0.0.1 port
 * (no persistence, `noeviction` as BullMQ requires), waits until it
 * answers PING, and hands back its URL and a `close()`. Set REDIS_URL to
 * use a server you already run instead; then `close()` leaves it alone.
 *
 * The server dies with us: it runs in our process group (a Ctrl-C or a
 * runner's group kill reaches it), and an 'exit' hook kills it if a
 * recipe exits without closing it. A missing binary is one line saying
 * how to install it and exit code 2 (in a test it is thrown instead).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '../net.ts';

/** Where a Redis server answers, and how to let go of it. */
export interface RedisServer {
  url: string;
  host: string;
  port: number;
  /** BullMQ's `connection` option (workers need no request retries). */
  connection: { host: string; port: number; maxRetriesPerRequest: null };
  /** True when REDIS_URL named a server we did not start. */
  external: boolean;
  /** The server's pid; undefined for an external one. */
  pid: number | undefined;
  /** Stops the server we started (idempotent); no-op when external. */
  close(): Promise<void>;
}

export interface StartRedisOptions {
  /** The binary; default `redis-server` on PATH. */
  binary?: string;
  /** Ignore REDIS_URL and start our own (tests that stop the server). */
  own?: boolean;
  /** The port to use (e.g. from `freePort()`); default a free one. */
  port?: number;
  /** How long to wait for the first PONG; default 10 s. */
  readyTimeoutMs?: number;
}

/** The one line a reader sees when redis-server is not installed. */
export const INSTALL_HINT = 'redis-server not found: install it with ' +
  '`apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` ' +
  '(macOS), or set REDIS_URL to a running server';

/** Thrown (in tests) when the redis-server binary is missing. */
export class MissingRedisError extends Error {
  override name = 'MissingRedisError';
  readonly exitCode = 2;
  constructor() {
    super(INSTALL_HINT);
  }
}

/** Turns `redis://host:port` into a RedisServer that we do not own. */
function external(url: string): RedisServer {
  const parsed = new URL(url);
  const host = parsed.hostname || '127.0.0.1';
  const port = Number(parsed.port || 6379);
  return {
    url, host, port, external: true, pid: undefined,
    connection: { host, port, maxRetriesPerRequest: null },
    close: async () => {},
  };
}

// A free loopback port (shared/src/net.ts); re-exported for benches.
export { freePort };

/** One PING over a raw socket: true when the answer is +PONG. */
export function ping(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts redis-server, or returns REDIS_URL's server. */
export async function startRedis(
  options: StartRedisOptions = {},
): Promise<RedisServer> {
  const url = process.env['REDIS_URL'];
  if (url && !options.own) return external(url);

  const port = options.port ?? await freePort();
  const child = spawn(options.binary ?? 'redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--maxmemory-policy', 'noeviction',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));

  // A missing binary shows as an 'error' event with ENOENT.
  const failed = new Promise<Error>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => resolve(
      e.code === 'ENOENT' ? new MissingRedisError() : e));
    child.once('exit', (code) => resolve(new Error(
      `redis-server exited (code ${code}) before answering: ` +
      stderr.trim().split('\n').at(-1))));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`, host: '127.0.0.1', port,
    connection: { host: '127.0.0.1', port, maxRetriesPerRequest: null },
    external: false, pid: child.pid,
    close: () => stop(child, killOnExit),
  };

  // Poll with PING until it answers, it dies, or we give up.
  const deadline = Date.now() + (options.readyTimeoutMs ?? 10_000);
  let error: Error | undefined;
  failed.then((e) => (error = e));
  while (!error && Date.now() < deadline) {
    if (await ping(port)) return server;
    await sleep(20);
  }
  await server.close();
  error ??= new Error(`redis-server did not answer on port ${port}`);
  if (error instanceof MissingRedisError && !process.env['VITEST']) {
    // A reader's run: the one line and exit 2, no stack trace.
    console.error(error.message);
    process.exit(error.exitCode);
  }
  throw error;
}

/** SIGTERM, then SIGKILL if it lingers; resolves once it has exited. */
async function stop(child: ChildProcess, hook: () => void): Promise<void> {
  process.off('exit', hook);
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.pid === undefined) return; // never started (ENOENT)
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await gone;
  clearTimeout(timer);
}

/** Runs `fn` with a server and always closes it afterwards. */
export async function withRedis<T>(
  fn: (redis: RedisServer) => Promise<T>,
): Promise<T> {
  const redis = await startRedis();
  try {
    return await fn(redis);
  } finally {
    await redis.close();
  }
}

/** BullMQ's `connection` option for a `redis://host:port` URL. */
export function connectionOf(url: string): RedisServer['connection'] {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    maxRetriesPerRequest: null,
  };
}

/**
 * Runs `fn` with `given` when a caller (a test) passes its server, else
 * with one started here and closed afterwards, even on failure.
 */
export async function useRedis<T>(
  given: RedisServer | undefined,
  fn: (redis: RedisServer) => Promise<T>,
): Promise<T> {
  if (given) return fn(given);
  return withRedis(fn);
}

/** FLUSHALL over a raw socket: tests call it between recipe runs. */
export function flushAll(redis: RedisServer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port: redis.port, host: redis.host });
    socket.once('error', reject);
    socket.once('connect', () => socket.write('FLUSHALL\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      if (data.toString().startsWith('+OK')) resolve();
      else reject(new Error(`FLUSHALL: ${data.toString().trim()}`));
    });
  });
}
