/**
 * A Pyro4-compatible name server: a phone book from names to URIs,
 * itself a remote object with the id `Pyro.NameServer`.
 *
 * How it is built: a plain class with Pyro4 4.82's method names
 * (register, lookup, remove, list, ping, count), exposed and served by
 * our own Daemon. Python's `Pyro4.locateNS()` and `PYRONAME:` proxies
 * work against it, and our proxies work against Python's
 * `python3 -m Pyro4.naming`. URIs come back as json URI objects, so a
 * Python caller gets a real `Pyro4.core.URI`.
 */
import { Daemon, type DaemonOptions } from './daemon.ts';
import { NamingError } from './errors.ts';
import { expose } from './expose.ts';
import { NAMESERVER_NAME } from './proxy.ts';
import { uriFromWire, uriToWire } from './uri.ts';

// Python callers may pass keyword arguments (`ns.list(prefix="x.")`);
// the daemon hands them over as a last plain object. We map them back
// onto the positional names, as Python would.
function named(args: unknown[], names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const last = args.at(-1);
  const kwargs = last !== null && typeof last === 'object' &&
    !Array.isArray(last) && !('__class__' in last)
    ? args.pop() as Record<string, unknown> : {};
  names.forEach((n, i) => { out[n] = args[i] ?? kwargs[n] ?? null; });
  return out;
}

export class NameServer {
  private readonly names = new Map<string, string>();

  register(...args: unknown[]): null {
    const { name, uri, safe } = named(args, ['name', 'uri', 'safe']);
    if (typeof name !== 'string' || name === '') {
      throw new TypeError('name must be a str');
    }
    if (safe === true && this.names.has(name)) {
      throw new NamingError(`name already registered: ${name}`);
    }
    this.names.set(name, uriFromWire(uri));
    return null;
  }

  // With `return_metadata`, Pyro4 answers (uri, metadata); we keep none.
  lookup(...args: unknown[]): unknown {
    const { name, return_metadata: meta } = named(args,
      ['name', 'return_metadata']);
    const uri = this.names.get(String(name));
    if (uri === undefined) throw new NamingError(`unknown name: ${name}`);
    return meta === true ? [uriToWire(uri), []] : uriToWire(uri);
  }

  remove(...args: unknown[]): number {
    const { name, prefix } = named(args, ['name', 'prefix']);
    let removed = 0;
    for (const key of [...this.names.keys()]) {
      if (key === NAMESERVER_NAME) continue;
      if (key === name ||
        (typeof prefix === 'string' && key.startsWith(prefix))) {
        this.names.delete(key);
        removed++;
      }
    }
    return removed;
  }

  list(...args: unknown[]): Record<string, string> {
    const { prefix } = named(args, ['prefix']);
    const out: Record<string, string> = {};
    for (const [key, uri] of this.names) {
      if (typeof prefix !== 'string' || key.startsWith(prefix)) out[key] = uri;
    }
    return out;
  }

  ping(): null { return null; }
  count(): number { return this.names.size; }
}
expose(NameServer);

export interface RunningNameServer {
  daemon: Daemon;
  /** "host:port", what proxies take as `nameServer`. */
  location: string;
  uri: string;
  close(): Promise<void>;
}

/** Starts a name server on a free loopback port (or `options.port`). */
export async function startNameServer(
  options: DaemonOptions = {},
): Promise<RunningNameServer> {
  const daemon = await Daemon.start(options);
  const server = new NameServer();
  const uri = daemon.register(server, { id: NAMESERVER_NAME });
  server.register(NAMESERVER_NAME, uri);
  return { daemon, location: daemon.location, uri,
    close: () => daemon.close() };
}
