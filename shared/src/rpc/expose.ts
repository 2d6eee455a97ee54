/**
 * What a daemon lets the network call: Pyro4's `@expose`, `@oneway` and
 * `@behavior(instance_mode=...)`, as plain functions (no decorators, so
 * the files stay runnable by Node's own type stripping).
 *
 *   expose(Shop);                      // every public method of Shop
 *   expose(Shop, ['buy', 'deposit']);  // only these
 *   oneway(Logger, ['log']);           // the caller gets no reply
 *   behavior(Worker, { instanceMode: 'percall' });
 *
 * Nothing is callable unless exposed, and names starting with `_` never
 * are (Pyro4 refuses "private" attributes the same way).
 */

/** Pyro4's three instance modes for a registered class. */
export type InstanceMode = 'single' | 'session' | 'percall';

// A class, or an instance that was exposed on its own.
type Target = object;

interface Exposure {
  methods: Set<string>;
  oneway: Set<string>;
  instanceMode?: InstanceMode;
}

const registry = new WeakMap<Target, Exposure>();

function entry(target: Target): Exposure {
  let found = registry.get(target);
  if (!found) {
    found = { methods: new Set(), oneway: new Set() };
    registry.set(target, found);
  }
  return found;
}

/** Public method names along the prototype chain (not Object's). */
function publicMethods(target: Target): string[] {
  const names = new Set<string>();
  let proto: object | null = typeof target === 'function'
    ? (target as { prototype: object }).prototype : target;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== 'constructor' && !name.startsWith('_') &&
        typeof d?.value === 'function') names.add(name);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return [...names];
}

/** Makes `methods` (default: every public method) remotely callable. */
export function expose<T extends Target>(target: T, methods?: string[]): T {
  const known = publicMethods(target);
  for (const name of methods ?? known) {
    if (name.startsWith('_') || !known.includes(name)) {
      throw new TypeError(`cannot expose '${name}': no such public method`);
    }
    entry(target).methods.add(name);
  }
  return target;
}

/** Exposed methods whose callers do not wait for (or get) a reply. */
export function oneway<T extends Target>(target: T, methods: string[]): T {
  expose(target, methods);
  for (const name of methods) entry(target).oneway.add(name);
  return target;
}

/** Pyro4's `@behavior`: how a registered class is instantiated. */
export function behavior<T extends Target>(target: T,
  options: { instanceMode: InstanceMode }): T {
  entry(target).instanceMode = options.instanceMode;
  return target;
}

/** The exposure of a class, or of an instance (its own, else its class). */
export function exposureOf(target: Target): Exposure {
  const own = registry.get(target);
  if (own) return own;
  const cls = typeof target === 'function' ? undefined
    : registry.get((target as { constructor: object }).constructor);
  return cls ?? { methods: new Set(), oneway: new Set() };
}
