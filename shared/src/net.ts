/**
 * A port the kernel says is free on 127.0.0.1 right now: we listen on
 * port 0, read the port it chose, and close. The caller starts its server
 * on it at once (another process could take it in between; on loopback,
 * in practice, none does). Used by every server the project starts.
 */
import { createServer, type AddressInfo } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
