/**
 * Both directions against real Pyro4 (Debian's python3-pyro4 under
 * /usr/bin/python3): a Python client calls a TypeScript object found in
 * our name server, and a TypeScript proxy calls a Python object found in
 * Python's name server. Skipped, with the package named, when Pyro4 is
 * missing.
 */
import {
  execFile, execFileSync, type ChildProcess,
} from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exited, killGroup, spawnGroup } from '../index.ts';
import {
  Daemon, expose, locateNS, oneway, proxy, RemoteError, startNameServer,
  type RunningNameServer,
} from './index.ts';

const PYTHON = '/usr/bin/python3';
const PEERS = new URL('../../../benchmarks/peers/python/', import.meta.url);

function hasPyro4(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import Pyro4'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_PYRO4 = hasPyro4();
const SKIP = HAS_PYRO4 ? '' : ' (skipped: apt-get install python3-pyro4)';

const children: ChildProcess[] = [];

// Starts a Python process; resolves with the first stdout line that
// matches `ready`, so we know its port or URI.
async function python(args: string[], ready: RegExp): Promise<string> {
  const child = spawnGroup(PYTHON, ['-u', ...args],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `python ${args.join(' ')} did not start: ${seen}`)), 15_000);
    const look = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) { clearTimeout(timer); resolve(match[1] ?? match[0]); }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', () => reject(new Error(`python exited: ${seen}`)));
  });
}

// Runs a Python script to the end; returns its stdout. Asynchronously:
// the TypeScript daemon it calls lives in this very process.
async function runPython(args: string[]): Promise<string> {
  const run = promisify(execFile);
  return (await run(PYTHON, args, { encoding: 'utf8', timeout: 20_000 }))
    .stdout;
}

afterAll(async () => {
  for (const child of children) {
    child.stdin?.end();
    killGroup(child);
    await exited(child);
  }
});

class Calc {
  private readonly noted: string[] = [];
  add(a: number, b: number): number { return a + b; }
  welcomeMessage(name: string): string { return `Hi welcome ${name}`; }
  fail(): never { throw new RangeError('bad amount'); }
  echo(value: unknown): unknown { return value; }
  note(value: string): void { this.noted.push(value); }
  notes(): string[] { return this.noted; }
  helper(): string { return 'not exposed'; }
}
expose(Calc, ['add', 'welcomeMessage', 'fail', 'echo', 'notes']);
oneway(Calc, ['note']);

describe.skipIf(!HAS_PYRO4)(`Python Pyro4 client -> TypeScript${SKIP}`, () => {
  let ns: RunningNameServer;
  let daemon: Daemon;
  beforeAll(async () => {
    ns = await startNameServer({ hmacKey: 'k3y' });
    daemon = await Daemon.start({ hmacKey: 'k3y' });
    const registry = await locateNS(ns.location, { hmacKey: 'k3y' });
    await registry.register('ts.calc', daemon.register(new Calc()));
    registry._pyroRelease();
  });
  afterAll(async () => {
    await daemon?.close();
    await ns?.close();
  });

  test('calls, exceptions, expose and one-way look like Pyro4', async () => {
    const out = JSON.parse(await runPython([new URL('pyro_client.py', PEERS)
      .pathname, '--ns-port', String(ns.daemon.port), '--name', 'ts.calc',
    '--hmac', 'k3y'])) as Record<string, unknown>;
    expect(out).toEqual({
      uri_type: 'URI',
      names: ['Pyro.NameServer', 'ts.calc'],
      prefixed: ['ts.calc'],
      with_meta: 'URI',
      welcome: 'Hi welcome Python',
      add: 5,
      echo: { list: [1, 2.5, 'x', null, true] },
      fail: ['ValueError', 'bad amount'],
      hidden: ['AttributeError', expect.stringContaining('helper')],
      notes: ['one-way'],
      unknown_name: ['NamingError', 'unknown name: no.such.name'],
    });
  });

  test('a Python client without the HMAC key is refused', async () => {
    const run = runPython([new URL('pyro_client.py', PEERS)
      .pathname, '--ns-port', String(ns.daemon.port)]);
    await expect(run).rejects.toThrow(/hmac key config not symmetric|rejected/);
  });
});

describe.skipIf(!HAS_PYRO4)(`TypeScript proxy -> Python Pyro4${SKIP}`, () => {
  let nsPort = 0;
  beforeAll(async () => {
    // Python's own name server, then a Python server registered in it.
    nsPort = Number(await python(['-m', 'Pyro4.naming', '-n', '127.0.0.1',
      '-p', '0', '-x'], /NS running on 127\.0\.0\.1:(\d+)/));
    await python([new URL('pyro_server.py', PEERS).pathname, '--ns-port',
      String(nsPort), '--name', 'py.calc'], /ready (PYRO:\S+)/);
  });

  test('a PYRONAME proxy calls the Python object', async () => {
    const calc = proxy<Calc>('PYRONAME:py.calc',
      { nameServer: `127.0.0.1:${nsPort}` });
    try {
      expect(await calc.welcomeMessage('Node')).toBe('Hi welcome Node');
      expect(await calc.add(40, 2)).toBe(42);
      const value = { a: [1, 'two', null, false], b: { c: 3.5 } };
      expect(await calc.echo(value)).toEqual(value);
      expect([...calc._pyroMethods].sort()).toEqual(
        ['add', 'echo', 'fail', 'note', 'notes', 'welcomeMessage']);
      const error = await calc.fail().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect((error as RemoteError).remoteClass).toBe('builtins.ValueError');
      expect((error as RemoteError).remoteTraceback.join(''))
        .toContain('bad amount');
      await expect(calc.helper()).rejects.toThrow(/no exposed .*helper/);
      expect(await calc.note('from node')).toBeUndefined();
      await expect.poll(() => calc.notes(), { timeout: 5_000 })
        .toEqual(['from node']);
    } finally {
      calc._pyroRelease();
    }
  });

  test('Python name server: list, lookup and an unknown name', async () => {
    const ns = await locateNS(`127.0.0.1:${nsPort}`);
    try {
      expect(Object.keys(await ns.list()).sort())
        .toEqual(['Pyro.NameServer', 'py.calc']);
      await expect(ns.lookup('nope')).rejects.toThrow('unknown name: nope');
    } finally {
      ns._pyroRelease();
    }
  });
});

describe.skipIf(!HAS_PYRO4)(`HMAC both ways, mixed${SKIP}`, () => {
  // A Python daemon with a key registers itself in *our* name server.
  let ns: RunningNameServer;
  beforeAll(async () => {
    ns = await startNameServer({ hmacKey: 'py-key' });
    await python([new URL('pyro_server.py', PEERS).pathname, '--ns-port',
      String(ns.daemon.port), '--name', 'py.keyed', '--hmac', 'py-key'],
    /ready (PYRO:\S+)/);
  });
  afterAll(async () => { await ns?.close(); });

  test('our proxy with the key calls the keyed Python object', async () => {
    const options = { nameServer: ns.location, hmacKey: 'py-key' };
    const calc = proxy<Calc>('PYRONAME:py.keyed', options);
    expect(await calc.add(1, 2)).toBe(3);
    calc._pyroRelease();
    const registry = await locateNS(ns.location, options);
    const uri = String(Object.values(await registry.list('py.keyed'))[0]);
    registry._pyroRelease();
    const keyless = proxy<Calc>(uri);
    await expect(keyless.add(1, 2)).rejects.toThrow(/hmac|rejected|closed/);
    keyless._pyroRelease();
  });
});

describe.skipIf(!HAS_PYRO4)(`benchmark peer pyro_calls.py${SKIP}`, () => {
  test('--inflight 8: 8 threads, 8 proxies, the same answer', async () => {
    const { PeerProcess } = await import('../../../benchmarks/src/peers.ts');
    const peer = new PeerProcess({ script: new URL('pyro_calls.py', PEERS),
      args: ['--calls', '100', '--inflight', '8'] });
    try {
      expect((await peer.run()).answer).toBe((100 * 99) / 2);
    } finally {
      await peer.close();
    }
  });
});
