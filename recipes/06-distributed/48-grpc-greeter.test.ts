import { expect, test } from 'vitest';
import { unary } from './48-grpc-greeter.client.ts';
import { greeterClient, main, startGreeterServer } from './48-grpc-greeter.ts';

test('unary, streaming and a deadline seen by both sides', async () => {
  const result = await main();
  expect(result).toEqual({ greeting: 'Hi welcome Ann', ticks: [3, 2, 1],
    deadline: 'DEADLINE_EXCEEDED', serverCancelled: true });
});

test('the server binds loopback and adds numbers', async () => {
  const { server, port } = await startGreeterServer();
  const client = greeterClient(port);
  try {
    expect(await unary<{ sum: number }>(client, 'add', { a: 2, b: 40 }))
      .toEqual({ sum: 42 });
  } finally {
    client.close();
    server.forceShutdown();
  }
});
