/**
 * Bad input against the daemon: every broken frame gets an error reply or
 * a closed connection, and the daemon keeps serving other clients. The
 * fuzz test sends thousands of random frames (a fixed seed, a bounded
 * count), some valid-looking, some not.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { randomInts } from '../random.ts';
import { Daemon, expose, proxy, protocol } from './index.ts';

const {
  encodeMessage, FLAGS_EXCEPTION, HEADER_SIZE, MessageReader, MSG_CONNECT,
  MSG_CONNECTFAIL, MSG_CONNECTOK, MSG_INVOKE, MSG_RESULT,
} = protocol;

class Echo {
  echo(value: unknown): unknown { return value; }
}
expose(Echo);

let daemon: Daemon;
let uri: string;
let objectId: string;

beforeAll(async () => {
  daemon = await Daemon.start({ maxMessageSize: 1024 * 1024 });
  uri = daemon.register(new Echo());
  objectId = uri.slice('PYRO:'.length, uri.indexOf('@'));
});
afterAll(async () => { await daemon?.close(); });

// Sends raw bytes and collects replies until the server closes the
// socket, or `until.replies` replies have come, or nothing has come for
// `until.quietMs`; never longer than 5 s. Waiting for events, not for a
// fixed time, keeps the test steady on a busy machine.
async function exchange(bytes: Buffer[],
  until: { replies?: number; quietMs?: number } = {}): Promise<{
  replies: protocol.Message[]; closed: boolean;
}> {
  const socket: Socket = connect(daemon.port, '127.0.0.1');
  const reader = new MessageReader();
  const replies: protocol.Message[] = [];
  return new Promise((resolve) => {
    let closed = false;
    const cap = setTimeout(done, 5_000);
    let silence: NodeJS.Timeout | undefined;
    const quiet = (): void => {
      clearTimeout(silence);
      if (until.quietMs) silence = setTimeout(done, until.quietMs);
    };
    function done(): void {
      clearTimeout(cap);
      clearTimeout(silence);
      socket.destroy();
      resolve({ replies, closed });
    }
    socket.on('data', (chunk) => {
      replies.push(...reader.push(chunk));
      if (until.replies && replies.length >= until.replies) done();
      else quiet();
    });
    socket.on('close', () => { closed = true; done(); });
    socket.on('error', () => undefined);
    quiet();
    for (const b of bytes) socket.write(b);
  });
}

const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));
const hello = (): Buffer => encodeMessage(MSG_CONNECT,
  json({ handshake: 'hello', object: objectId }), 0, 0);
const invoke = (body: unknown, seq = 1): Buffer =>
  encodeMessage(MSG_INVOKE, Buffer.isBuffer(body) ? body : json(body), 0, seq);

// After each case, a fresh client must still get its answer.
async function stillServing(): Promise<void> {
  const echo = proxy<Echo>(uri);
  expect(await echo.echo('alive')).toBe('alive');
  echo._pyroRelease();
}

test('a garbage handshake gets CONNECTFAIL and a close', async () => {
  const { closed, replies } = await exchange([Buffer.from('GET / HTTP/1.1\r\n'
    + 'Host: x\r\n\r\n')]);
  expect(closed).toBe(true);
  expect(replies.map((r) => r.type)).toEqual([MSG_CONNECTFAIL]);
  expect(JSON.parse(replies[0]!.data.toString())).toMatch(/unsupported/);
  await stillServing();
});

test('an invoke before the handshake closes the connection', async () => {
  const { closed } = await exchange([invoke({ object: objectId,
    method: 'echo', params: [1], kwargs: {} })]);
  expect(closed).toBe(true);
  await stillServing();
});

test('a wrong checksum closes the connection', async () => {
  const frame = invoke({ object: objectId, method: 'echo', params: [1],
    kwargs: {} });
  frame.writeUInt16BE(frame.readUInt16BE(22) ^ 0xff, 22);
  const { closed, replies } = await exchange([hello(), frame]);
  expect(replies.map((r) => r.type)).toEqual([MSG_CONNECTOK]);
  expect(closed).toBe(true);
  await stillServing();
});

test('an oversized frame is refused before it is read', async () => {
  const header = invoke(Buffer.alloc(0));
  header.writeInt32BE(512 * 1024 * 1024, 12); // claims 512 MiB
  // Fix the checksum so only the size is wrong.
  header.writeUInt16BE((MSG_INVOKE + 48 + 512 * 1024 * 1024 + 2 + 1 +
    0x34e9) & 0xffff, 22);
  const { closed } = await exchange([hello(), header]);
  expect(closed).toBe(true);
  await stillServing();
});

test('malformed json and unknown methods get error replies', async () => {
  const { replies, closed } = await exchange([hello(),
    invoke(Buffer.from('{not json'), 1),
    invoke({ object: objectId, method: 'nope', params: [], kwargs: {} }, 2),
    invoke({ object: 'obj_none', method: 'echo', params: [], kwargs: {} }, 3),
    invoke({ object: objectId, method: 'echo', params: 'x' }, 4),
    invoke({ object: objectId, method: 'echo', params: [7], kwargs: {} }, 5),
  ], { replies: 6 });
  expect(closed).toBe(false);
  expect(replies.map((r) => [r.type, r.seq, r.flags & FLAGS_EXCEPTION]))
    .toEqual([[MSG_CONNECTOK, 0, 0], [MSG_RESULT, 1, 1], [MSG_RESULT, 2, 1],
      [MSG_RESULT, 3, 1], [MSG_RESULT, 4, 1], [MSG_RESULT, 5, 0]]);
  const classes = replies.slice(1, 5).map((r) =>
    (JSON.parse(r.data.toString()) as { __class__: string }).__class__);
  expect(classes).toEqual(['Pyro4.errors.SerializeError',
    'builtins.AttributeError', 'Pyro4.errors.DaemonError',
    'Pyro4.errors.SerializeError']);
  expect(JSON.parse(replies[5]!.data.toString())).toBe(7);
});

test('prototype members and unexposed names are never callable',
  async () => {
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty',
      '_private', 'valueOf'];
    const { replies } = await exchange([hello(), ...names.map((method, i) =>
      invoke({ object: objectId, method, params: [], kwargs: {} }, i + 1))],
    { replies: names.length + 1 });
    expect(replies.slice(1).map((r) =>
      (JSON.parse(r.data.toString()) as { __class__: string }).__class__))
      .toEqual(names.map(() => 'builtins.AttributeError'));
  });

test('a handshake for an unknown object gets CONNECTFAIL', async () => {
  const { replies } = await exchange([encodeMessage(MSG_CONNECT,
    json({ handshake: 'hello', object: 'ghost' }), 16, 0)]);
  expect(replies.map((r) => r.type)).toEqual([MSG_CONNECTFAIL]);
  expect(JSON.parse(replies[0]!.data.toString())).toBe('unknown object');
});

test('fuzz: 3000 random frames never stop the daemon', async () => {
  const FRAMES = 3000;
  const PER_CONNECTION = 100;
  const bytes = randomInts(FRAMES * 64, 256, 1234);
  let at = 0;
  const nextByte = (): number => bytes[at++ % bytes.length]!;
  const fuzzFrame = (i: number): Buffer => {
    // A third are pure noise, a third valid frames with random bodies,
    // a third valid frames with one random byte flipped.
    const body = Buffer.from(Array.from({ length: nextByte() % 48 },
      nextByte));
    if (i % 3 === 0) return body;
    const frame = encodeMessage(1 + (nextByte() % 7), body, nextByte() % 32,
      i);
    if (i % 3 === 2) frame[nextByte() % frame.length] = nextByte();
    return frame;
  };
  let served = 0;
  for (let c = 0; c < FRAMES / PER_CONNECTION; c++) {
    const frames = Array.from({ length: PER_CONNECTION },
      (_, k) => fuzzFrame(c * PER_CONNECTION + k));
    // Half the connections handshake properly first.
    if (c % 2 === 0) frames.unshift(hello());
    await exchange(frames, { quietMs: 20 });
    served++;
  }
  expect(served).toBe(FRAMES / PER_CONNECTION);
  await stillServing();
  expect(HEADER_SIZE).toBe(24);
});
