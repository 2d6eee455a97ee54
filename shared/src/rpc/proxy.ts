/**
 * Pyro4-compatible proxies: an object whose method calls travel to a
 * daemon (ours or Python's) and come back as promises.
 *
 * How it is built: a Connection is one TCP socket after the handshake;
 * it writes MSG_INVOKE frames and matches each MSG_RESULT to the oldest
 * waiting call by its sequence number (a daemon answers one connection
 * in order). A plain proxy has one connection, so its calls run one
 * after another on the server, as Pyro4's do. `_pyroAsync()` gives a
 * proxy that takes a connection per call in flight (Pyro4 4.82's async
 * proxy also copies the proxy per call), so calls overlap.
 */
import { connect, type Socket } from 'node:net';
import {
  CommunicationError, exceptionFromWire, NamingError, ProtocolError,
  SerializeError, TimeoutError,
} from './errors.ts';
import {
  encodeMessage, FLAGS_EXCEPTION, FLAGS_META_ON_CONNECT, FLAGS_ONEWAY,
  gatherWrites, MessageReader, MSG_CONNECT, MSG_CONNECTFAIL, MSG_CONNECTOK,
  MSG_INVOKE, type Message,
} from './protocol.ts';
import { callPrefix, callText } from './call-text.ts';
import { parseUri, uriFromWire, type Uri } from './uri.ts';

export const NAMESERVER_NAME = 'Pyro.NameServer';

export interface ProxyOptions {
  hmacKey?: string | Buffer;
  /** Reject a call (and drop its connection) after this many ms. */
  timeoutMs?: number;
  /** Where `PYRONAME:` names are looked up: "host:port". Default from
   *  PYRO_NS_HOST / PYRO_NS_PORT, else 127.0.0.1:9090 (Pyro4's). */
  nameServer?: string;
}

interface Metadata { methods: Set<string>; oneway: Set<string> }

// A call waiting for its reply. `decode` turns the reply into the value
// the caller's promise settles with (or throws the remote exception).
interface Waiting {
  seq: number;
  decode: (message: Message) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const READ_BUFFER_BYTES = 64 * 1024;

class Connection {
  readonly socket: Socket;
  private readonly reader: MessageReader;
  private readonly key: Buffer | undefined;
  private readonly waiting: Waiting[] = [];
  private seq = 0;
  broken: Error | undefined;

  /**
   * Connects to host:port. Replies are read into one buffer kept for
   * the connection (Node's `onread`): no 'data' event through a stream
   * and no new buffer per read, which the daemon's profile (it must read
   * that way) showed to cost about as much as decoding the frame.
   */
  constructor(host: string, port: number, key: Buffer | undefined) {
    const reads = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const socket = connect({ host, port, noDelay: true, onread: {
      buffer: reads,
      callback: (bytes) => {
        this.received(reads.subarray(0, bytes));
        return true; // keep reading
      } } });
    this.socket = socket;
    this.key = key;
    this.reader = new MessageReader(key);
    socket.on('error', (error) => this.fail(new CommunicationError(
      `connection lost: ${error.message}`)));
    socket.on('close', () => this.fail(
      new CommunicationError('connection closed by the server')));
  }

  /**
   * Bytes from the server, in the connection's read buffer: every whole
   * frame is handled now, and the start of a frame still
   * arriving is copied out, since the next read overwrites the buffer.
   */
  private received(chunk: Buffer): void {
    this.reader.append(chunk);
    try {
      for (let m = this.reader.next(); m; m = this.reader.next()) {
        this.deliver(m);
      }
    } catch (error) {
      this.fail(error as Error); // a bad frame: the stream is lost
      return;
    }
    this.reader.keepCopy();
  }

  private deliver(message: Message): void {
    const head = this.waiting.shift();
    if (!head || head.seq !== message.seq) {
      throw new ProtocolError('result msg out of sync');
    }
    // Decoded here, in the socket's read callback, the reply settles the
    // caller's own promise: no second promise, no extra microtask.
    let value: unknown;
    try {
      value = head.decode(message);
    } catch (error) {
      head.reject(error as Error); // the remote exception, or bad json
      return;
    }
    head.resolve(value);
  }

  fail(error: Error): void {
    this.broken ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
    this.socket.destroy();
  }

  /**
   * Sends one frame with `json` as its body; resolves with
   * `decode(reply)` (undefined for a one-way call, which gets no reply).
   */
  request<T>(type: number, json: string, flags: number,
    timeoutMs: number | undefined,
    decode: (message: Message) => T): Promise<T | undefined> {
    if (this.broken) return Promise.reject(this.broken);
    this.seq = (this.seq + 1) & 0xffff;
    // A call already in flight: this one is pipelined, and more may
    // follow in this turn; gather them into one system call.
    if (this.waiting.length > 0) gatherWrites(this.socket);
    this.socket.write(encodeMessage(type, json, flags, this.seq, this.key));
    if (flags & FLAGS_ONEWAY) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const waiting: Waiting = {
        seq: this.seq, decode, resolve: resolve as (v: unknown) => void,
        reject,
      };
      this.waiting.push(waiting);
      if (timeoutMs === undefined) return;
      const timer = setTimeout(() => this.fail(new TimeoutError(
        `call timed out after ${timeoutMs} ms`)), timeoutMs);
      waiting.resolve = (v) => { clearTimeout(timer); resolve(v as T); };
      waiting.reject = (e) => { clearTimeout(timer); reject(e); };
    });
  }
}

function parsed(message: Message): unknown {
  try {
    return JSON.parse(message.data.toString());
  } catch {
    throw new SerializeError('invalid json in reply');
  }
}

// A MSG_RESULT's value, or the remote exception it carries, thrown.
function decodeResult(reply: Message): unknown {
  const data = parsed(reply);
  if (reply.flags & FLAGS_EXCEPTION) throw exceptionFromWire(data);
  return data;
}

/** Opens a socket and does Pyro4's handshake for `objectId`. */
async function open(host: string, port: number, objectId: string,
  options: ProxyOptions): Promise<{ conn: Connection; meta: Metadata }> {
  const key = options.hmacKey === undefined ? undefined
    : Buffer.from(options.hmacKey);
  const conn = new Connection(host, port, key);
  const { socket } = conn;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (e: NodeJS.ErrnoException) => reject(
      new CommunicationError(`cannot connect to ${host}:${port}: ` +
        (e.code === 'ECONNREFUSED' ? 'connection refused' : e.message))));
  });
  // Decoded at once: the frame lives in the read buffer.
  const reply = await conn.request(MSG_CONNECT,
    JSON.stringify({ handshake: 'hello', object: objectId }),
    FLAGS_META_ON_CONNECT,
    options.timeoutMs, (message) => ({ type: message.type,
      data: parsed(message) }));
  const data = reply!.data;
  if (reply!.type === MSG_CONNECTFAIL || reply!.type !== MSG_CONNECTOK) {
    conn.fail(new CommunicationError('rejected'));
    throw new CommunicationError(
      `connection to ${host}:${port} rejected: ${String(data)}`);
  }
  const meta = (data as { meta?: Record<string, string[]> }).meta ?? {};
  return { conn, meta: { methods: new Set(meta['methods'] ?? []),
    oneway: new Set(meta['oneway'] ?? []) } };
}

/** Host and port of the name server to use for `PYRONAME:` lookups. */
export function nameServerLocation(options: ProxyOptions = {}): string {
  if (options.nameServer) return options.nameServer;
  const host = process.env['PYRO_NS_HOST'] ?? '127.0.0.1';
  return `${host}:${process.env['PYRO_NS_PORT'] ?? '9090'}`;
}

export class PyroProxy {
  readonly uri: string;
  readonly options: ProxyOptions;
  private readonly isAsync: boolean;
  private target: Uri | undefined;
  private meta: Metadata | undefined;
  private main: Promise<Connection> | undefined;
  private current: Connection | undefined;
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  /** Each method's ready start of the call json (see call-text.ts). */
  private readonly prefixes = new Map<string, string>();

  constructor(uri: string, options: ProxyOptions = {}, isAsync = false) {
    parseUri(uri); // a bad URI fails here, at once
    this.uri = uri;
    this.options = options;
    this.isAsync = isAsync;
  }

  /** Resolves a PYRONAME through the name server, to a PYRO uri. */
  private async resolve(): Promise<Uri> {
    if (this.target) return this.target;
    const uri = parseUri(this.uri);
    if (uri.protocol === 'PYRONAME') {
      const where = uri.host
        ? `${uri.host}:${uri.port ?? 9090}` : nameServerLocation(this.options);
      const ns = new PyroProxy(`PYRO:${NAMESERVER_NAME}@${where}`,
        this.options);
      try {
        this.target = parseUri(uriFromWire(await ns.call('lookup',
          uri.object)));
      } finally {
        ns.release();
      }
    } else {
      this.target = uri;
    }
    return this.target;
  }

  private async connection(): Promise<Connection> {
    const target = await this.resolve();
    const { conn, meta } = await open(target.host!, target.port!,
      target.object, this.options);
    this.meta = meta;
    this.all.add(conn);
    return conn;
  }

  /** Connects now (Pyro4's `_pyroBind`); calls do it themselves. */
  async bind(): Promise<void> {
    if (this.isAsync) this.idle.push(await this.connection());
    else await this.mainConnection();
  }

  private mainConnection(): Promise<Connection> | Connection {
    // The hot path: a live connection, no promise to make.
    if (this.current && !this.current.broken) return this.current;
    if (!this.main) {
      this.main = this.connection();
      this.main.then((conn) => { this.current = conn; },
        () => { this.main = undefined; });
    }
    return this.main.then((conn) => {
      if (!conn.broken) return conn;
      this.main = undefined;
      this.current = undefined;
      return this.mainConnection();
    });
  }

  /** The names the object exposes (known after the first connect). */
  get methods(): ReadonlySet<string> { return this.meta?.methods ?? new Set(); }

  /** Calls `method(...args)` remotely; resolves with its result. */
  call(method: string, ...args: unknown[]): Promise<unknown> {
    // The hot path: a plain proxy whose connection is up sends at once.
    const live = this.isAsync ? undefined : this.current;
    if (live && !live.broken) return this.invoke(live, method, args);
    return this.connectAndCall(method, args);
  }

  private async connectAndCall(method: string,
    args: unknown[]): Promise<unknown> {
    let conn = this.isAsync ? this.idle.pop() : this.mainConnection();
    if (conn === undefined) conn = await this.connection();
    else if (conn instanceof Promise) conn = await conn;
    try {
      return await this.invoke(conn, method, args);
    } finally {
      if (this.isAsync && !conn.broken) this.idle.push(conn);
    }
  }

  // Sends the call on `conn`; settles with the decoded reply.
  private invoke(conn: Connection, method: string,
    args: unknown[]): Promise<unknown> {
    if (this.meta && !this.meta.methods.has(method)) {
      return Promise.reject(new CommunicationError(`remote object ` +
        `'${this.uri}' has no exposed attribute or method '${method}'`));
    }
    const flags = this.meta?.oneway.has(method) ? FLAGS_ONEWAY : 0;
    let prefix = this.prefixes.get(method);
    if (prefix === undefined) {
      prefix = callPrefix(this.target!.object, method);
      this.prefixes.set(method, prefix);
    }
    try {
      return conn.request(MSG_INVOKE, callText(prefix, args), flags,
        this.options.timeoutMs, decodeResult);
    } catch (error) {
      return Promise.reject(error as Error); // arguments json cannot carry
    }
  }

  /** A proxy to the same object whose calls overlap (Pyro4's async). */
  async(): PyroProxy {
    return new PyroProxy(this.uri, this.options, true);
  }

  /** Closes the connections (Pyro4's `_pyroRelease`). */
  release(): void {
    for (const conn of this.all) conn.socket.destroy();
    this.all.clear();
    this.idle.length = 0;
    this.main = undefined;
    this.current = undefined;
  }
}

/** Each method of T, returning a promise of its (awaited) result. */
export type Remote<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]:
  T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Pyro4's proxy controls, beside the remote methods. */
export interface ProxyControls<T> {
  _pyroBind(): Promise<void>;
  _pyroRelease(): void;
  _pyroAsync(): RemoteProxy<T>;
  readonly _pyroUri: string;
  readonly _pyroMethods: ReadonlySet<string>;
}

export type RemoteProxy<T> = Remote<T> & ProxyControls<T>;

function wrap<T>(proxy: PyroProxy): RemoteProxy<T> {
  const controls: Record<string, unknown> = {
    _pyroBind: () => proxy.bind(),
    _pyroRelease: () => proxy.release(),
    _pyroAsync: () => wrap<T>(proxy.async()),
  };
  // One function per method name, made on first use.
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({}, {
    get(_, name) {
      if (typeof name !== 'string' || name === 'then') return undefined;
      if (name === '_pyroUri') return proxy.uri;
      if (name === '_pyroMethods') return proxy.methods;
      if (name in controls) return controls[name];
      let method = methods.get(name);
      if (!method) {
        method = (...args) => proxy.call(name, ...args);
        methods.set(name, method);
      }
      return method;
    },
  }) as RemoteProxy<T>;
}

/**
 * A proxy for the object at `uri` (`PYRO:id@host:port` or
 * `PYRONAME:name`). It connects on the first call. Typed by the class
 * you expect: `proxy<Greeter>('PYRONAME:server')`.
 */
export function proxy<T = Record<string, (...a: never[]) => unknown>>(
  uri: string, options: ProxyOptions = {},
): RemoteProxy<T> {
  return wrap<T>(new PyroProxy(uri, options));
}

/** Pyro4's `locateNS`: a proxy to the name server, checked by a ping. */
export async function locateNS(location?: string,
  options: ProxyOptions = {}): Promise<RemoteProxy<NameServerApi>> {
  const where = location ?? nameServerLocation(options);
  const ns = proxy<NameServerApi>(`PYRO:${NAMESERVER_NAME}@${where}`,
    options);
  try {
    await ns.ping();
  } catch (error) {
    throw new NamingError(`failed to locate the nameserver at ${where}: ` +
      (error as Error).message);
  }
  return ns;
}

/** The name server's methods, as Pyro4 4.82 names them. */
export interface NameServerApi {
  register(name: string, uri: string, safe?: boolean): null;
  lookup(name: string): unknown;
  remove(name: string): number;
  list(prefix?: string | null): Record<string, string>;
  ping(): null;
  count(): number;
}
