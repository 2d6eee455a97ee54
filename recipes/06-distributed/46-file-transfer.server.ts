/**
 * The file server of distributed/file-transfer (the book's server2.py),
 * kept apart as the book keeps it: the recipe is the client and the run.
 * Not a recipe (the extra dot in the name keeps it out of the catalogue).
 *
 * Book bug fixed: server2.py closes the file and the connection inside
 * its send loop, so only files of at most 1 KB arrived whole. Here the
 * connection ends after the last byte, and a header line announces the
 * size and SHA-256 so the client can check what it got.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

// The checksum is streamed too: a file is never read whole.
async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

// The server reads "HelloServer! <name>\n", answers "<size> <sha256>\n"
// and the bytes, and ends the connection only after the last byte.
export async function startFileServer(dir: string) {
  const peak = { buffered: 0 };
  const server = createServer(async (socket) => {
    // A client that vanishes mid-transfer ends only its own socket.
    socket.on('error', () => socket.destroy());
    try {
      const [greeting] = await once(socket, 'data') as [Buffer];
      // Only a plain name inside `dir`: no "../" tricks.
      const name = greeting.toString().trim().split(' ')[1] ?? '';
      const path = join(dir, name.replace(/[/\\]/g, ''));
      // The header line first, then the bytes, read 64 KB at a time.
      socket.write(`${(await stat(path)).size} ${await sha256(path)}\n`);
      for await (const chunk of createReadStream(path)) {
        // A full socket buffer makes write() say false: wait for 'drain'.
        if (!socket.write(chunk)) await once(socket, 'drain');
        peak.buffered = Math.max(peak.buffered, socket.writableLength);
      }
      socket.end(); // after the loop: the book's bug was ending inside it
    } catch {
      // A missing file is one error line for the client, never a crash.
      socket.end('ERR no such file\n');
    }
  });
  // Port 0: the system picks a free port, on loopback only.
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return { server, peak, port: (server.address() as AddressInfo).port };
}
