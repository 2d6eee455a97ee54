/**
 * Pyro URIs: `PYRO:<object id>@<host>:<port>` names one object on one
 * daemon; `PYRONAME:<name>[@host:port]` is a name to look up in a name
 * server first. In json a URI travels as
 * `{"__class__": "Pyro4.core.URI", "state": ["PYRO", id, null, host, port]}`.
 */
import { SerializeError } from './errors.ts';

export interface Uri {
  protocol: 'PYRO' | 'PYRONAME';
  object: string;
  host?: string;
  port?: number;
}

/** Parses `PYRO:id@host:port` or `PYRONAME:name[@host[:port]]`. */
export function parseUri(text: string): Uri {
  const match = /^(PYRO|PYRONAME):([^@]+)(?:@(\[[^\]]+\]|[^:]+)(?::(\d+))?)?$/
    .exec(text.trim());
  if (!match) throw new SerializeError(`invalid uri: ${text}`);
  const [, protocol, object, host, port] = match;
  const uri: Uri = { protocol: protocol as Uri['protocol'], object: object! };
  if (host) uri.host = host.replace(/^\[|\]$/g, '');
  if (port) uri.port = Number(port);
  if (uri.protocol === 'PYRO' && (!uri.host || !uri.port)) {
    throw new SerializeError(`uri needs host and port: ${text}`);
  }
  return uri;
}

export function formatUri(uri: Uri): string {
  if (!uri.host) return `${uri.protocol}:${uri.object}`;
  const host = uri.host.includes(':') ? `[${uri.host}]` : uri.host;
  return `${uri.protocol}:${uri.object}@${host}` +
    (uri.port ? `:${uri.port}` : '');
}

/** The json form Pyro4 rebuilds as a `Pyro4.core.URI` object. */
export function uriToWire(text: string): Record<string, unknown> {
  const uri = parseUri(text);
  return { __class__: 'Pyro4.core.URI',
    state: [uri.protocol, uri.object, null, uri.host ?? null,
      uri.port ?? 0] };
}

/** A URI from the wire: a string, or the json form of a URI object. */
export function uriFromWire(value: unknown): string {
  if (typeof value === 'string') return formatUri(parseUri(value));
  const record = value as Record<string, unknown> | null;
  const state = record?.['state'];
  if (record?.['__class__'] === 'Pyro4.core.URI' && Array.isArray(state)) {
    const [protocol, object, , host, port] = state as unknown[];
    const uri: Uri = { protocol: protocol === 'PYRONAME' ? 'PYRONAME'
      : 'PYRO', object: String(object) };
    if (typeof host === 'string') uri.host = host;
    if (typeof port === 'number' && port > 0) uri.port = port;
    return formatUri(uri);
  }
  throw new SerializeError('expected a uri');
}
