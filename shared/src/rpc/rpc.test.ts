import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  behavior, CommunicationError, Daemon, expose, locateNS, NamingError,
  oneway, proxy, RemoteError, startNameServer, TimeoutError,
  type RunningNameServer,
} from './index.ts';

// Objects served by the daemon below.
class Greeter {
  welcomeMessage(name: string): string { return `Hi welcome ${name}`; }
  add(a: number, b: number): number { return a + b; }
  fail(): never { throw new RangeError('bad amount'); }
  internal(): string { return 'not exposed'; }
  _private(): string { return 'never exposed'; }
}
expose(Greeter, ['welcomeMessage', 'add', 'fail']);

let created = 0;
class Counter {
  readonly serial = ++created;
  private count = 0;
  next(): number { return ++this.count; }
  who(): number { return this.serial; }
}
expose(Counter);

class Slow {
  async wait(ms: number): Promise<number> {
    await new Promise((r) => setTimeout(r, ms));
    return ms;
  }
}
expose(Slow);
behavior(Slow, { instanceMode: 'percall' });

class Notes {
  readonly seen: string[] = [];
  note(text: string): void { this.seen.push(text); }
  all(): string[] { return this.seen; }
}
oneway(Notes, ['note']);
expose(Notes, ['all']);

let ns: RunningNameServer;
let daemon: Daemon;
const uris: Record<string, string> = {};

beforeAll(async () => {
  ns = await startNameServer();
  daemon = await Daemon.start();
  uris['greeter'] = daemon.register(new Greeter());
  uris['single'] = daemon.register(Counter, { instanceMode: 'single' });
  uris['session'] = daemon.register(Counter, { instanceMode: 'session' });
  uris['percall'] = daemon.register(Counter, { instanceMode: 'percall' });
  uris['slow'] = daemon.register(Slow);
  uris['notes'] = daemon.register(new Notes());
  const registry = await locateNS(ns.location);
  await registry.register('test.greeter', uris['greeter']!);
  registry._pyroRelease();
});

afterAll(async () => {
  await daemon?.close();
  await ns?.close();
});

describe('TypeScript proxy to TypeScript daemon', () => {
  test('a name found in the name server answers calls', async () => {
    const greeter = proxy<Greeter>('PYRONAME:test.greeter',
      { nameServer: ns.location });
    try {
      expect(await greeter.welcomeMessage('Ann')).toBe('Hi welcome Ann');
      expect(await greeter.add(2, 3)).toBe(5);
      expect([...greeter._pyroMethods].sort())
        .toEqual(['add', 'fail', 'welcomeMessage']);
    } finally {
      greeter._pyroRelease();
    }
  });

  test('replies larger than a read, pipelined on one connection, arrive '
    + 'whole and in order', async () => {
    // welcomeMessage echoes its argument: 300 KB answers span several
    // reads of the proxy's 64 KB buffer, and small ones share reads.
    const greeter = proxy<Greeter>(uris['greeter']!);
    try {
      const names = Array.from({ length: 8 }, (_, i) =>
        i % 2 ? `n${i}` : String.fromCharCode(97 + i).repeat(300_000));
      const replies = await Promise.all(
        names.map((n) => greeter.welcomeMessage(n)));
      expect(replies).toEqual(names.map((n) => `Hi welcome ${n}`));
    } finally {
      greeter._pyroRelease();
    }
  });

  test('remote exceptions come back with their Python class', async () => {
    const greeter = proxy<Greeter>(uris['greeter']!);
    const error = await greeter.fail().catch((e: unknown) => e);
    greeter._pyroRelease();
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).remoteClass).toBe('builtins.ValueError');
    expect((error as Error).message).toBe('ValueError: bad amount');
  });

  test('unexposed and private methods are refused', async () => {
    const greeter = proxy<Greeter>(uris['greeter']!);
    await expect(greeter.internal()).rejects.toThrow(/no exposed .*internal/);
    await expect(greeter._private()).rejects.toThrow(CommunicationError);
    greeter._pyroRelease();
  });

  test('instance modes: single, session and percall', async () => {
    const a = proxy<Counter>(uris['single']!);
    const b = proxy<Counter>(uris['single']!);
    expect([await a.next(), await b.next(), await a.next()])
      .toEqual([1, 2, 3]);
    const s1 = proxy<Counter>(uris['session']!);
    const s2 = proxy<Counter>(uris['session']!);
    expect([await s1.next(), await s2.next(), await s1.next()])
      .toEqual([1, 1, 2]);
    const p = proxy<Counter>(uris['percall']!);
    expect([await p.next(), await p.next()]).toEqual([1, 1]);
    expect(await p.who()).not.toBe(await p.who());
    for (const x of [a, b, s1, s2, p]) x._pyroRelease();
  });

  test('one-way calls return at once and still run', async () => {
    const notes = proxy<Notes>(uris['notes']!);
    expect(await notes.note('first')).toBeUndefined();
    await notes.note('second');
    await expect.poll(() => notes.all(), { timeout: 5_000 })
      .toEqual(['first', 'second']);
    notes._pyroRelease();
  });

  test('a plain proxy runs calls in turn; an async proxy overlaps them',
    async () => {
      const plain = proxy<Slow>(uris['slow']!);
      const fast = plain._pyroAsync();
      // Counted, not timed: the server sees how many calls are open.
      let open = 0;
      let peak = 0;
      let gate = false;
      // With the gate on, each call waits (at most 3 s) until four are
      // open at once: overlapping calls get there, serial ones cannot.
      const original = Slow.prototype.wait;
      Slow.prototype.wait = async function (ms: number) {
        peak = Math.max(peak, ++open);
        const until = Date.now() + 3_000;
        while (gate && open < 4 && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 5));
        }
        try { return await original.call(this, ms); } finally { open--; }
      };
      try {
        await Promise.all([1, 2, 3, 4].map(() => plain.wait(20)));
        expect(peak).toBe(1);
        peak = 0;
        gate = true;
        expect(await Promise.all([1, 2, 3, 4].map((i) => fast.wait(20 + i))))
          .toEqual([21, 22, 23, 24]);
        expect(peak).toBe(4);
      } finally {
        Slow.prototype.wait = original;
        plain._pyroRelease();
        fast._pyroRelease();
      }
    });

  test('a call slower than the timeout fails with TimeoutError', async () => {
    const slow = proxy<Slow>(uris['slow']!, { timeoutMs: 400 });
    await expect(slow.wait(1_500)).rejects.toThrow(TimeoutError);
    expect(await slow.wait(1)).toBe(1); // the proxy reconnects
    slow._pyroRelease();
  });
});

describe('clear errors', () => {
  test('an unknown name is one NamingError', async () => {
    const nobody = proxy('PYRONAME:no.such.name', { nameServer: ns.location });
    await expect(nobody['x']!()).rejects.toThrow(NamingError);
    await expect(nobody['x']!()).rejects.toThrow('unknown name: no.such.name');
  });

  test('a dead server is one CommunicationError', async () => {
    const dead = await Daemon.start();
    const uri = dead.register(new Greeter());
    await dead.close();
    const greeter = proxy<Greeter>(uri);
    await expect(greeter.add(1, 2)).rejects
      .toThrow(/cannot connect to 127\.0\.0\.1:\d+: connection refused/);
  });

  test('an unknown object id is refused at connect', async () => {
    const ghost = proxy(`PYRO:obj_ghost@${daemon.location}`);
    await expect(ghost['x']!()).rejects.toThrow(/rejected: unknown object/);
  });

  test('servers bind 127.0.0.1 unless told otherwise', () => {
    expect(daemon.host).toBe('127.0.0.1');
    expect(ns.daemon.host).toBe('127.0.0.1');
  });
});

describe('HMAC key', () => {
  test('only clients with the same key get in', async () => {
    const locked = await Daemon.start({ hmacKey: 'secret' });
    const uri = locked.register(new Greeter());
    try {
      const good = proxy<Greeter>(uri, { hmacKey: 'secret' });
      expect(await good.add(20, 22)).toBe(42);
      good._pyroRelease();
      const none = proxy<Greeter>(uri);
      // Like Pyro4: the keyed reply itself tells a keyless client.
      await expect(none.add(1, 1)).rejects
        .toThrow('hmac key config not symmetric');
      const wrong = proxy<Greeter>(uri, { hmacKey: 'guess' });
      await expect(wrong.add(1, 1)).rejects.toThrow(/hmac/);
    } finally {
      await locked.close();
    }
  });
});
