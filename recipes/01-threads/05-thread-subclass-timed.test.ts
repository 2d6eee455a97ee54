import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './05-thread-subclass-timed.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

const of = (name: string) => result.lines.filter((l) => l.name === name);

test('each thread: Starting, five timed lines, Exiting, in order', () => {
  for (const name of ['Thread-1', 'Thread-2']) {
    const texts = of(name).map((l) => l.text);
    expect(texts).toHaveLength(7);
    expect(texts[0]).toBe(`Starting ${name}`);
    expect(texts[6]).toBe(`Exiting ${name}`);
    for (const text of texts.slice(1, 6)) {
      expect(text).toMatch(new RegExp(`^${name}: \\d\\d:\\d\\d:\\d\\d$`));
    }
  }
});

test('each thread keeps its own pace: lines at least a delay apart', () => {
  // A blocking sleep never ends early, so consecutive timed lines of
  // one thread are at least its delay apart, however busy the machine
  // (1 ms of slack for the clock's rounding).
  for (const [name, delay] of [['Thread-1', 100], ['Thread-2', 200]]) {
    const at = of(name as string).slice(0, 6).map((l) => l.at);
    for (let i = 1; i < at.length; i++) {
      expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(Number(delay) - 1);
    }
  }
});
