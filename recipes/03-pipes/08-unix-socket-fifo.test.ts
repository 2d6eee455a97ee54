import { expect, test } from 'vitest';
import { main } from './08-unix-socket-fifo.ts';

test('a named socket and a named pipe carry data between processes',
  async () => {
    const r = await main();
    expect(r).toEqual({ reply: 'PING', socketIsFile: true, isFifo: true,
      fromChild: '0 1 4 9 16', fromShell: 'hello from sh' });
  }, 60_000);
