/**
 * A hello-world web app, ready for a container
 *
 * @book    2e ch. 7 "Cloud Computing" › Dockerizing a Python application
 * @python  Chapter07/codes/dockerize.py, Dockerfile, requirements.txt
 * @covers  C1
 * @run     npm run recipe -- cluster-cloud/web-app
 * @see     docker/Dockerfile — the image that serves this file
 *
 * The book's Flask app answers `GET /` with "Hello World!" on port 5000,
 * and its Dockerfile (FROM python:alpine3.7) installs Flask and runs it.
 * Node needs no framework for one route: `node:http` is enough. The same
 * file serves two ways: run as a recipe it starts the server on a free
 * 127.0.0.1 port, asks it for `/` like a browser would, and stops; run
 * with `--serve` (as the container does) it listens on HOST:PORT until
 * stopped. Build and run the image (docker or podman alike):
 *
 *   docker build -f recipes/09-cluster-cloud/docker/Dockerfile -t hello .
 *   docker run --rm -p 5000:5000 hello     # then: curl localhost:5000
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isEntry } from '@cookbook/shared';

// The book's answer; its port, used when serving (the container's).
const GREETING = 'Hello World!';
const PORT = Number(process.env['PORT'] ?? 5000);

// One route, like the book's `@app.route('/')`; anything else is a 404.
// Flask routes by decorator; node:http hands every request to one
// callback, so the routing is an if on method and path.
export function createApp(): Server {
  return createServer((request, response) => {
    // Flask labels a returned string text/html; ours says text/plain.
    if (request.method === 'GET' && request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(GREETING);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not Found');
    }
  });
}

/** Serves until SIGTERM or SIGINT (`docker stop` sends SIGTERM). */
function serve(): void {
  // In a container HOST=0.0.0.0 lets the published port reach us;
  // outside one we stay on loopback.
  const host = process.env['HOST'] ?? '127.0.0.1';
  const server = createApp().listen(PORT, host, () =>
    console.log(`serving on http://${host}:${PORT}/`));
  // As PID 1 in a container, a process that sets no handler ignores
  // SIGTERM; closing the server lets Node exit once requests finish.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => server.close());
  }
}

// What the test checks: the home page's status and text, and the
// status of a path the app does not serve.
export interface Result {
  status: number;
  body: string;
  missing: number;
}

export async function main(): Promise<Result> {
  // Port 0: the kernel picks a free one; we read it back.
  const server = createApp();
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    // Ask for the page as a browser would; Node 20 has fetch built in,
    // where Python would reach for urllib or requests.
    const url = `http://127.0.0.1:${port}`;
    const home = await fetch(`${url}/`);
    const body = await home.text();
    console.log(`GET / → ${home.status} ${body}`);
    // Any other path must be refused; reading the body frees the socket.
    const other = await fetch(`${url}/missing`);
    await other.text();
    console.log(`GET /missing → ${other.status}`);
    return { status: home.status, body, missing: other.status };
  } finally {
    // Stop listening even if a request failed, so the recipe exits.
    server.close();
  }
}

// `--serve` is the container's entry (see docker/Dockerfile); without
// it the recipe runs its one-shot demo.
if (isEntry(import.meta.url)) {
  if (process.argv.includes('--serve')) serve();
  else await main();
}

// Output:
// GET / → 200 Hello World!
// GET /missing → 404
