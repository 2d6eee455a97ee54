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

export class NameServer {
  private readonly names = new Map<string, string>();

  register(name: unknown, uri: unknown, safe = false): null {
    if (typeof name !== 'string' || name === '') {
      throw new TypeError('name must be a str');
    }
    if (safe && this.names.has(name)) {
      throw new NamingError(`name already registered: ${name}`);
    }
    this.names.set(name, uriFromWire(uri));
    return null;
  }

  lookup(name: unknown): unknown {
    const uri = this.names.get(String(name));
    if (uri === undefined) throw new NamingError(`unknown name: ${name}`);
    return uriToWire(uri);
  }

  remove(name: unknown = null, prefix: unknown = null): number {
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

  list(prefix: unknown = null): Record<string, string> {
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
