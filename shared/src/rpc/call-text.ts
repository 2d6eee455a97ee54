/**
 * The json text of one call, the body of Pyro4's MSG_INVOKE:
 *
 *   {"object":"adder","method":"add","params":[1,2],"kwargs":{}}
 *
 * Our proxies always write it in exactly this shape, and most calls a
 * daemon sees repeat the same object and method. So both ends keep that
 * part as a ready string: the proxy writes prefix + params + suffix
 * (json for the params alone), and the daemon, on a prefix it has seen
 * before, parses the params alone. Profiling the daemon showed the full
 * JSON.parse to be its largest cost after the socket write: it builds an
 * object and looks up its four keys, each call, to find the same two
 * strings again.
 *
 * Anything else (Python's json, which puts spaces after the colons and
 * keys in another order; keyword arguments; a prefix never seen; text
 * that is not json) is parsed whole, exactly as before. The short cut
 * answers only where JSON.parse would give the same four values.
 */

const PARAMS = ',"params":';
const SUFFIX = ',"kwargs":{}}';

/** `{"object":<id>,"method":<name>,"params":`, as JSON.stringify writes it. */
export function callPrefix(object: string, method: string): string {
  return `{"object":${JSON.stringify(object)},"method":` +
    `${JSON.stringify(method)}${PARAMS}`;
}

/**
 * The call's json; throws (as JSON.stringify does) on params json
 * cannot carry, such as a BigInt.
 */
export function callText(prefix: string, params: unknown[]): string {
  return prefix + JSON.stringify(params) + SUFFIX;
}

export interface Call {
  object: unknown;
  method: unknown;
  params: unknown;
  kwargs: unknown;
  /** True when the short cut took it (its prefix was known). */
  known?: boolean;
}

/**
 * The prefixes a daemon has answered, each with its object and method.
 * Only prefixes of calls that were valid are kept, and at most `limit`,
 * so a client sending made-up names cannot grow it.
 */
export class KnownCalls {
  private readonly calls = new Map<string, readonly [string, string]>();
  private readonly limit: number;
  /** The prefix that matched last, tried first: most calls repeat it. */
  private last: { prefix: string; names: readonly [string, string] } |
    undefined;

  constructor(limit = 1024) {
    this.limit = limit;
  }

  remember(object: string, method: string): void {
    if (this.calls.size < this.limit) {
      this.calls.set(callPrefix(object, method), [object, method]);
    }
  }

  /** Parses a call's text; throws SyntaxError where JSON.parse would. */
  parse(text: string): Call {
    if (text.endsWith(SUFFIX)) {
      // The last prefix is compared in place (no slice to hash); else
      // the prefix is cut out and looked up. A json string cannot hold
      // an unescaped quote, so the first `,"params":` ends the prefix
      // whatever the names are.
      let hit = this.last;
      if (!hit || !text.startsWith(hit.prefix)) {
        const cut = text.indexOf(PARAMS) + PARAMS.length;
        const prefix = text.slice(0, cut);
        const names = cut > PARAMS.length ? this.calls.get(prefix) : undefined;
        hit = names && (this.last = { prefix, names });
      }
      if (hit) {
        const params = parseOrUndefined(
          text.slice(hit.prefix.length, text.length - SUFFIX.length));
        // One json value, an array: then the whole text is exactly the
        // four keys above. (`[1],"params":[2]` is not one value.)
        if (Array.isArray(params)) {
          return { object: hit.names[0], method: hit.names[1], params,
            kwargs: {}, known: true };
        }
      }
    }
    const call = JSON.parse(text) as Call | null;
    // A json value that is not an object has none of the four keys.
    return typeof call === 'object' && call !== null ? call
      : { object: undefined, method: undefined, params: undefined,
        kwargs: undefined };
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
