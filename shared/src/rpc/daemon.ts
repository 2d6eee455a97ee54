/**
 * A Pyro4-compatible daemon: a TCP server that owns objects and runs the
 * methods that arrive in MSG_INVOKE frames.
 *
 * How it is built: each connection gets a MessageReader; its first frame
 * must be MSG_CONNECT (the handshake, answered with the object's exposed
 * methods so a Python proxy knows what it may call). Later frames on the
 * connection are handled one at a time, in order, like Pyro4's threaded
 * server handles one connection; different connections run concurrently
 * because methods may be async. A broken frame (bad magic, checksum, size
 * or HMAC) closes that connection only: the daemon keeps serving others.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  DaemonError, exceptionToWire, ProtocolError, RemoteError,
  SerializeError,
} from './errors.ts';
import { KnownCalls, type Call } from './call-text.ts';
import { exposureOf, expose, type InstanceMode } from './expose.ts';
import {
  DEFAULT_MAX_MESSAGE_SIZE, encodeMessage, FLAGS_EXCEPTION,
  FLAGS_META_ON_CONNECT, FLAGS_ONEWAY, MessageReader, MSG_CONNECT,
  MSG_CONNECTFAIL, MSG_CONNECTOK, MSG_INVOKE, MSG_PING, MSG_RESULT,
  SERIALIZER_JSON, gatherWrites, type Message,
} from './protocol.ts';

export const DAEMON_NAME = 'Pyro.Daemon';

export interface DaemonOptions {
  /** Interface to bind; loopback unless you say otherwise. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Pyro4's HMAC key: clients without the same key are refused. */
  hmacKey?: string | Buffer;
  maxMessageSize?: number;
}

export interface RegisterOptions {
  /** The object id in the URI; default `obj_<random hex>`. */
  id?: string;
  /** For a class: default its `behavior`, else 'session' (as Pyro4). */
  instanceMode?: InstanceMode;
}

type Factory = new () => object;

interface Registered {
  methods: Set<string>;
  oneway: Set<string>;
  mode: InstanceMode;
  single?: object;
  factory?: Factory;
}

interface ConnectionState {
  connected: boolean;
  sessions: Map<string, object>;
}

// Closes after the last reply is flushed (`end` uncorks); a client that
// never reads is cut off a second later.
function hangUp(socket: Socket): void {
  socket.end();
  setTimeout(() => socket.destroy(), 1_000).unref();
}

const json = (value: unknown): string =>
  JSON.stringify(value ?? null) ?? 'null';

// True for an object with a key of its own (the kwargs of a call, almost
// always `{}`), without building the array Object.keys would.
function hasKeys(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const key in value) {
    if (Object.hasOwn(value, key)) return true;
  }
  return false;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * Runs the steps given to it one at a time, in order: a step that returns
 * a promise holds back the steps after it until it settles. A step that
 * returns at once (most method calls) runs at once, with no promise to
 * wait for: that keeps a plain call's reply in the same turn of the event
 * loop as its request. A step that throws or rejects calls `onError`.
 */
function oneAtATime(onError: () => void) {
  let running: Promise<void> | undefined;
  return (step: () => void | Promise<void>): void => {
    if (running) {
      running = running.then(step);
    } else {
      try {
        const done = step();
        if (!done) return;
        running = done;
      } catch {
        onError();
        return;
      }
    }
    const mine: Promise<void> = running = running.catch(onError).then(() => {
      if (running === mine) running = undefined;
    });
  };
}

// Pyro4's own daemon object, so Python proxies can ask for metadata.
class DaemonObject {
  private readonly daemon: Daemon;
  constructor(daemon: Daemon) { this.daemon = daemon; }
  get_metadata(objectId: string): unknown {
    return this.daemon.metadata(objectId);
  }
  ping(): null { return null; }
  registered(): string[] { return this.daemon.registered(); }
  info(): string { return `TypeScript Pyro daemon on ${this.daemon.location}`; }
}
expose(DaemonObject);

export class Daemon {
  readonly host: string;
  private portNumber: number;
  private readonly server: Server;
  private readonly objects = new Map<string, Registered>();
  /** Calls answered before: their params alone are parsed (call-text.ts). */
  private readonly knownCalls = new KnownCalls();
  private readonly sockets = new Set<Socket>();
  private readonly hmacKey: Buffer | undefined;
  private readonly maxSize: number;

  private constructor(options: DaemonOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.portNumber = options.port ?? 0;
    this.hmacKey = options.hmacKey === undefined ? undefined
      : Buffer.from(options.hmacKey);
    this.maxSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.server = createServer((socket) => this.serve(socket));
    this.register(new DaemonObject(this), { id: DAEMON_NAME });
  }

  /** Starts listening; resolves once the port is known. */
  static async start(options: DaemonOptions = {}): Promise<Daemon> {
    const daemon = new Daemon(options);
    await new Promise<void>((resolve, reject) => {
      daemon.server.once('error', reject);
      daemon.server.listen(daemon.portNumber, daemon.host, resolve);
    });
    const address = daemon.server.address();
    if (address && typeof address === 'object') {
      daemon.portNumber = address.port;
    }
    return daemon;
  }

  get port(): number { return this.portNumber; }
  get location(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `${host}:${this.portNumber}`;
  }

  uriFor(id: string): string { return `PYRO:${id}@${this.location}`; }

  /** Serves an instance (single) or a class (see instance modes). */
  register(target: object, options: RegisterOptions = {}): string {
    const id = options.id ?? `obj_${randomUUID().replace(/-/g, '')}`;
    if (this.objects.has(id)) throw new DaemonError(`duplicate id: ${id}`);
    const exposure = exposureOf(target);
    if (exposure.methods.size === 0) {
      throw new TypeError('object exposes no methods: call expose() on it');
    }
    const isClass = typeof target === 'function';
    this.objects.set(id, {
      methods: exposure.methods, oneway: exposure.oneway,
      mode: isClass ? options.instanceMode ?? exposure.instanceMode ??
        'session' : 'single',
      ...(isClass ? { factory: target as Factory } : { single: target }),
    });
    return this.uriFor(id);
  }

  unregister(id: string): void { this.objects.delete(id); }
  registered(): string[] { return [...this.objects.keys()]; }

  /** What Pyro4 proxies learn at connect time. */
  metadata(id: string): Record<string, string[]> {
    const found = this.objects.get(id);
    if (!found) throw new DaemonError('unknown object');
    return { methods: [...found.methods], oneway: [...found.oneway],
      attrs: [] };
  }

  /** Stops accepting, drops every connection, waits for the close. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const reader = new MessageReader(this.hmacKey, this.maxSize);
    const state: ConnectionState = { connected: false, sessions: new Map() };
    const inOrder = oneAtATime(() => hangUp(socket));
    socket.on('data', (chunk) => {
      reader.append(chunk);
      // The first reply of a chunk goes out at once; when the chunk held
      // more calls (a pipelining client), their replies are gathered.
      for (let frames = 0; ; frames++) {
        let message: Message | undefined;
        try {
          message = reader.next();
        } catch (error) {
          // The stream is unusable now; tell a handshaking client why,
          // after the frames before the bad one have been answered.
          inOrder(() => {
            if (!state.connected) this.refuse(socket, 0, error);
            hangUp(socket);
          });
          return;
        }
        if (!message) return;
        if (frames === 1) gatherWrites(socket);
        const next = message;
        inOrder(() => this.handle(socket, state, next));
      }
    });
    socket.on('error', () => { /* the client went away; nothing to do */ });
    socket.on('close', () => { this.sockets.delete(socket); });
  }

  private send(socket: Socket, type: number, data: string, flags: number,
    seq: number): void {
    if (!socket.destroyed) {
      // Out at once: a lone reply waits for no tick (see gatherWrites).
      socket.write(encodeMessage(type, data, flags, seq, this.hmacKey));
    }
  }

  private refuse(socket: Socket, seq: number, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.send(socket, MSG_CONNECTFAIL, json(reason), 0, seq);
  }

  // Returns a promise only while an async method is still running.
  private handle(socket: Socket, state: ConnectionState,
    message: Message): void | Promise<void> {
    if (!state.connected) {
      if (message.type !== MSG_CONNECT) {
        throw new ProtocolError('expected a handshake');
      }
      this.handshake(socket, state, message);
    } else if (message.type === MSG_PING) {
      this.send(socket, MSG_PING, 'pong', 0, message.seq);
    } else if (message.type === MSG_INVOKE) {
      return this.invoke(socket, state, message);
    } else {
      throw new ProtocolError(`invalid message type ${message.type}`);
    }
  }

  private handshake(socket: Socket, state: ConnectionState,
    message: Message): void {
    try {
      if (message.serializerId !== SERIALIZER_JSON) {
        throw new SerializeError('message used serializer that is not ' +
          `accepted: ${message.serializerId}`);
      }
      const data = JSON.parse(message.data.toString()) as
        Record<string, unknown>;
      let reply: unknown = 'hello';
      let flags = 0;
      if (message.flags & FLAGS_META_ON_CONNECT) {
        flags = FLAGS_META_ON_CONNECT;
        reply = { handshake: reply,
          meta: this.metadata(String(data['object'])) };
      }
      state.connected = true;
      this.send(socket, MSG_CONNECTOK, json(reply), flags, message.seq);
    } catch (error) {
      this.refuse(socket, message.seq, error);
      hangUp(socket);
    }
  }

  private invoke(socket: Socket, state: ConnectionState,
    message: Message): void | Promise<void> {
    const isOneway = (message.flags & FLAGS_ONEWAY) !== 0;
    let run: () => unknown;
    try {
      run = this.prepare(state, message);
    } catch (error) {
      if (!isOneway) this.fail(socket, message.seq, error);
      return;
    }
    if (isOneway) {
      // Pyro4 runs one-way calls on their own thread; we just don't wait.
      void Promise.resolve().then(run).catch(() => undefined);
      return;
    }
    const seq = message.seq;
    let result: unknown;
    try {
      result = run();
    } catch (error) {
      this.fail(socket, seq, error);
      return;
    }
    // An async method: reply when it settles; the connection's later
    // calls wait for it. Anything else: reply now. (No named closures
    // per call here: tsx keeps function names by wrapping each named
    // arrow function in a defineProperty call, a cost paid per call.)
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (value) => this.reply(socket, seq, value),
        (error) => this.fail(socket, seq, error));
    }
    this.reply(socket, seq, result);
  }

  private reply(socket: Socket, seq: number, result: unknown): void {
    try {
      this.send(socket, MSG_RESULT, json(result), 0, seq);
    } catch (error) {
      // A result json cannot carry (a BigInt, a cycle).
      this.fail(socket, seq, error);
    }
  }

  private fail(socket: Socket, seq: number, error: unknown): void {
    this.send(socket, MSG_RESULT, json(exceptionToWire(error)),
      FLAGS_EXCEPTION, seq);
  }

  // Checks the call and finds the instance; returns the call to run.
  private prepare(state: ConnectionState, message: Message): () => unknown {
    if (message.serializerId !== SERIALIZER_JSON) {
      throw new SerializeError(
        `unsupported serializer id ${message.serializerId}`);
    }
    let call: Call;
    try {
      call = this.knownCalls.parse(message.data.toString());
    } catch {
      throw new SerializeError('invalid json in call');
    }
    const { object, method, params, kwargs } = call;
    if (typeof object !== 'string' || typeof method !== 'string' ||
      !Array.isArray(params)) {
      throw new SerializeError('malformed call');
    }
    const found = this.objects.get(object);
    if (!found) throw new DaemonError('unknown object');
    if (!found.methods.has(method)) {
      throw new RemoteError('builtins.AttributeError',
        `attempt to access unexposed or unknown method '${method}'`);
    }
    if (!call.known) this.knownCalls.remember(object, method);
    const instance = this.instance(object, found, state);
    // JSON.parse made `params` for this call alone: it is ours to extend.
    const args = params as unknown[];
    // JavaScript has no keyword arguments: they arrive as a last object.
    if (hasKeys(kwargs)) args.push(kwargs);
    const fn = (instance as Record<string, unknown>)[method] as
      (...a: unknown[]) => unknown;
    return () => fn.apply(instance, args);
  }

  private instance(id: string, found: Registered,
    state: ConnectionState): object {
    if (found.single) return found.single;
    const Factory = found.factory!;
    if (found.mode === 'percall') return new Factory();
    if (found.mode === 'single') return (found.single = new Factory());
    let mine = state.sessions.get(id);
    if (!mine) state.sessions.set(id, (mine = new Factory()));
    return mine;
  }
}
