import { describe, expect, test } from 'vitest';
import { callPrefix, callText, KnownCalls } from './call-text.ts';

// What the daemon read before the short cut: JSON.parse of the whole.
const whole = (text: string): unknown => JSON.parse(text);

describe('the call json short cut', () => {
  const known = new KnownCalls();
  known.remember('adder', 'add');
  known.remember('odd "name",\\"params\\":', 'm,"params":x');

  test('our proxies write what JSON.stringify of the call would', () => {
    const params = [1, 'two', null, { three: [3] }, -0.5e-7];
    expect(callText(callPrefix('adder', 'add'), params)).toBe(
      JSON.stringify({ object: 'adder', method: 'add', params, kwargs: {} }));
    expect(() => callText(callPrefix('adder', 'add'), [1n])).toThrow();
  });

  test('a known prefix gives what JSON.parse gives, params parsed alone',
    () => {
      for (const [object, method] of [['adder', 'add'],
        ['odd "name",\\"params\\":', 'm,"params":x']] as const) {
        for (const params of [[], [1, 2], [[1, [2]], { a: ',"kwargs":{}}' }]]) {
          const text = callText(callPrefix(object, method), params);
          const call = known.parse(text);
          expect(call.known).toBe(true);
          expect({ ...call, known: undefined }).toEqual(
            { ...(whole(text) as object), known: undefined });
        }
      }
    });

  test('anything else is parsed whole, with the same result or error', () => {
    const texts = [
      // Python's json: spaces and another key order.
      '{"params": [1, 2], "kwargs": {}, "object": "adder", "method": "add"}',
      // Keyword arguments; params not an array; two params values.
      '{"object":"adder","method":"add","params":[1],"kwargs":{"k":1}}',
      '{"object":"adder","method":"add","params":{"0":1},"kwargs":{}}',
      '{"object":"adder","method":"add","params":[1],"params":[2],"kwargs":{}}',
      // An unknown object or method; json that is not an object.
      '{"object":"nobody","method":"add","params":[1],"kwargs":{}}',
      '[1,2]', '5', 'null',
    ];
    for (const text of texts) {
      const call = known.parse(text);
      expect(call.known).toBeUndefined();
      const expected = whole(text);
      if (typeof expected === 'object' && expected) {
        expect(call).toEqual(expected);
      } else {
        expect(call).toEqual({ object: undefined, method: undefined,
          params: undefined, kwargs: undefined });
      }
    }
    for (const bad of ['{"object":"adder","method":"add","params":[1,],"kwargs":{}}',
      '{"object":"adder","method":"add","params":[1]],"kwargs":{}}', 'not json']) {
      expect(() => known.parse(bad)).toThrow(SyntaxError);
    }
  });

  test('it remembers at most its limit of prefixes', () => {
    const small = new KnownCalls(2);
    for (const m of ['a', 'b', 'c']) small.remember('o', m);
    expect(small.parse(callText(callPrefix('o', 'b'), [1])).known).toBe(true);
    expect(small.parse(callText(callPrefix('o', 'c'), [1])).known)
      .toBeUndefined();
  });
});
