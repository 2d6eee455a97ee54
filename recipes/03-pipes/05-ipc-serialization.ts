/**
 * IPC serialization: what survives `json` and `advanced`
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (beyond the book: Python pickles whatever it sends)
 * @covers  none
 * @run     npm run recipe -- pipes/ipc-serialization
 * @timeout 60000
 * @see     pipes/channels, threads/data-between-threads
 *
 * A Python `Connection.send` pickles its object, so a dict, a set or a
 * big int arrives as itself. Node's IPC channel has two encodings, chosen
 * at `fork`; we send the same values down both and compare.
 */
import { isDeepStrictEqual, types } from 'node:util';
import { exited, isEntry } from '@cookbook/shared';
import { childRole, forkRole } from '@cookbook/shared/child-role';

// A class of our own: only its fields can travel, never its prototype.
class Point {
  x = 1;
  y = 2;
}

// The values we try, by name: each is a thing JSON has no word for.
// JSON turns a Map into `{}`, a Date into a string and NaN into null.
export const VALUES: Record<string, unknown> = {
  'bigint': 2n ** 64n,
  'Map': new Map([['a', 1]]),
  'Set': new Set([1, 2]),
  'Date': new Date(0),
  'Uint8Array': new Uint8Array([1, 2, 3]),
  'NaN': NaN,
  'undefined field': { a: undefined },
  'class instance': new Point(),
};
// The two encodings `fork` offers (`serialization`): `json`, the default,
// and `advanced`, the V8 structured clone that worker threads use.
type Mode = 'json' | 'advanced';

// The echo child sends every message straight back, decoded and encoded
// again, so what returns is what a real receiver would have seen.
function echo(): void {
  process.on('message', (m) => process.send!(m));
  process.once('disconnect', () => process.exit(0));
}

// What came back, in a few words: a primitive by value, a Date by name,
// a plain object as JSON, anything else by its class.
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'a string';
  if (typeof v !== 'object') return `${typeof v} ${String(v)}`;
  if (types.isDate(v)) return 'Date';
  // An object of any other class, such as a Map, shows as its name.
  const name = v.constructor?.name ?? 'Object';
  return name === 'Object' ? JSON.stringify(v) : name;
}

// Survives: equal deep down and of the same class; else what it became.
function verdict(sent: unknown, back: unknown): string {
  const sameClass = typeof sent !== 'object' || sent === null ||
    Object.getPrototypeOf(sent) === Object.getPrototypeOf(back);
  if (isDeepStrictEqual(sent, back) && sameClass) return 'survives';
  return `becomes ${kind(back)}`;
}

// Sends each value to an echo child using `mode`, and judges what comes
// back. A value the encoding refuses throws in `send`: we say so.
async function tryAll(mode: Mode): Promise<Record<string, string>> {
  // The encoding is fixed per child at `fork`, for both directions.
  const child = forkRole(import.meta.url, 'echo', [], { serialization: mode });
  // One value at a time: the next message back is this value's echo.
  const out: Record<string, string> = {};
  try {
    for (const [name, value] of Object.entries(VALUES)) {
      try {
        const back = new Promise((r) => child.once('message', r));
        child.send({ value });
        out[name] = verdict(value, ((await back) as { value: unknown }).value);
      } catch (error) {
        // JSON.stringify throws on a BigInt before anything is written.
        out[name] = `cannot be sent (${(error as Error).name})`;
      }
    }
  } finally {
    // Closing the channel is the child's cue to exit; we wait for it.
    child.disconnect();
    await exited(child);
  }
  return out;
}

// One verdict per value and encoding.
export type Result = Record<Mode, Record<string, string>>;

// Both encodings, one after the other, then a table: one row per value,
// so the two columns read side by side.
export async function main(): Promise<Result> {
  const result = { json: await tryAll('json'),
    advanced: await tryAll('advanced') };
  console.log(`${'value'.padEnd(16)} ${'json'.padEnd(28)} advanced`);
  for (const name of Object.keys(VALUES)) {
    console.log(`${name.padEnd(16)} ${result.json[name]!.padEnd(28)} ` +
      result.advanced[name]);
  }
  return result;
}

// The echo child runs this file in its `echo` role.
if (childRole(import.meta.url) === 'echo') echo();
else if (isEntry(import.meta.url)) await main();

// Output:
// value            json                         advanced
// bigint           cannot be sent (TypeError)   survives
// Map              becomes {}                   survives
// Set              becomes {}                   survives
// Date             becomes a string             survives
// Uint8Array       becomes {"0":1,"1":2,"2":3}  survives
// NaN              becomes null                 survives
// undefined field  becomes {}                   survives
// class instance   becomes {"x":1,"y":2}        becomes {"x":1,"y":2}
