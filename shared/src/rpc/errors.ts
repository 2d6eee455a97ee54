/**
 * The errors of the remote-object layer, named as Pyro4 names them, and
 * how an exception crosses the wire in Pyro4's json serializer:
 *
 *   {"__class__": "builtins.ValueError", "__exception__": true,
 *    "args": ["bad amount"], "attributes": {}}
 *
 * A Python client raises that as a real ValueError. We never send a
 * TypeScript stack trace: it would show a caller our server's insides.
 */

/** Base of every Pyro error. `pyroClass` is its name on the wire. */
export class PyroError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }

  get pyroClass(): string {
    return `Pyro4.errors.${this.constructor.name}`;
  }
}
/** Cannot connect, connection lost, or timed out. */
export class CommunicationError extends PyroError {}
/** A name the name server does not know. */
export class NamingError extends PyroError {}
/** A broken frame: bad magic, version, checksum or size. */
export class ProtocolError extends PyroError {}
/** HMAC missing, unexpected or wrong. */
export class SecurityError extends PyroError {}
/** The daemon does not know the object. */
export class DaemonError extends PyroError {}
/** Data that json cannot carry, or a class we refuse to rebuild. */
export class SerializeError extends PyroError {}
/** A call that did not answer within the proxy's timeout. */
export class TimeoutError extends CommunicationError {}

/** An exception raised by the remote method, rebuilt on our side. */
export class RemoteError extends Error {
  readonly remoteClass: string;
  readonly remoteTraceback: string[];

  constructor(remoteClass: string, message: string, traceback: string[] = []) {
    super(`${remoteClass.replace(/^builtins\./, '')}: ${message}`);
    this.name = 'RemoteError';
    this.remoteClass = remoteClass;
    this.remoteTraceback = traceback;
  }

  /** Throw this from a served method to raise a given Python class. */
  static python(pyClass: string, message: string): RemoteError {
    return new RemoteError(pyClass, message);
  }
}

const PY_NAMES: Record<string, string> = {
  TypeError: 'builtins.TypeError',
  RangeError: 'builtins.ValueError',
  SyntaxError: 'builtins.ValueError',
};

/** An exception as Pyro4's json serializer writes it. */
export function exceptionToWire(error: unknown): Record<string, unknown> {
  let cls = 'builtins.Exception';
  let message = String(error);
  if (error instanceof RemoteError) {
    cls = error.remoteClass;
    message = error.message.replace(/^[^:]*: /, '');
  } else if (error instanceof PyroError) {
    cls = error.pyroClass;
    message = error.message;
  } else if (error instanceof Error) {
    cls = PY_NAMES[error.name] ?? 'builtins.Exception';
    message = error.message;
  }
  return { __class__: cls, __exception__: true, args: [message],
    attributes: {} };
}

const PYRO_ERRORS: Record<string, new (m: string) => Error> = {
  CommunicationError, NamingError, ProtocolError, SecurityError,
  DaemonError, SerializeError, TimeoutError, PyroError,
};

/** The exception a remote reply carried, as something we can throw. */
export function exceptionFromWire(data: unknown): Error {
  if (typeof data !== 'object' || data === null) {
    return new RemoteError('builtins.Exception', String(data));
  }
  const record = data as Record<string, unknown>;
  const cls = String(record['__class__'] ?? 'builtins.Exception');
  const args = Array.isArray(record['args']) ? record['args'] : [];
  const message = args.map(String).join(', ');
  const pyro = PYRO_ERRORS[cls.replace(/^Pyro4\.errors\./, '')];
  if (cls.startsWith('Pyro4.errors.') && pyro) return new pyro(message);
  const attrs = record['attributes'] as Record<string, unknown> | undefined;
  const tb = attrs?.['_pyroTraceback'];
  return new RemoteError(cls, message,
    Array.isArray(tb) ? tb.map(String) : []);
}
