/**
 * A stub currency-rate server on 127.0.0.1, standing in for Yahoo's
 * `quotes.csv` API, which the Distributed Computing book's currency
 * examples read and which was switched off in 2017.
 *
 * It answers the book's request form, `/quotes.csv?s=EURUSD=X&f=sl1`,
 * with the book's CSV line, `"EURUSD=X",1.1042`, for the book's three
 * pairs; an unknown pair gets a 404. Each answer can wait a fixed delay,
 * so fetching in turn and fetching at once differ the way they did over
 * the network. The server also counts requests in flight and keeps the
 * highest count seen: a counter, not a clock, shows overlap.
 *
 * It binds 127.0.0.1 on a free port (port 0) and answers with
 * `connection: close`, so no idle socket keeps a process alive.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// The book's pairs and the rates it printed.
export const BOOK_RATES: Readonly<Record<string, number>> = {
  EURUSD: 1.1042, GBPUSD: 1.5309, CHFEUR: 0.9176,
};
export const BOOK_PAIRS: readonly string[] = Object.keys(BOOK_RATES);

export interface RateStubOptions {
  /** Milliseconds each answer waits (default 0). */
  delayMs?: number;
  /** Rates to serve instead of the book's. */
  rates?: Readonly<Record<string, number>>;
}

export interface RateStub {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Requests answered or still open since the server started. */
  requests(): number;
  /** The most requests open at once since the last `resetPeak()`. */
  peakInFlight(): number;
  resetPeak(): void;
  close(): Promise<void>;
}

export async function startRateStub(
  options: RateStubOptions = {},
): Promise<RateStub> {
  const { delayMs = 0, rates = BOOK_RATES } = options;
  let requests = 0;
  let inFlight = 0;
  let peak = 0;
  // Answers still waiting out their delay: close() cancels them, so a
  // closed stub keeps no process alive for up to `delayMs`.
  const pending = new Set<NodeJS.Timeout>();

  // Each request bumps the gauge, waits, then answers and lowers it.
  const server = createServer((req, res) => {
    requests++;
    peak = Math.max(peak, ++inFlight);
    const query = new URL(req.url ?? '/', 'http://stub').searchParams;
    const pair = (query.get('s') ?? '').replace(/=X$/, '');
    const timer = setTimeout(() => {
      pending.delete(timer);
      inFlight--;
      const rate = rates[pair];
      res.setHeader('connection', 'close');
      if (rate === undefined) res.writeHead(404).end(`unknown pair ${pair}\n`);
      else res.end(`"${pair}=X",${rate}\n`);
    }, delayMs);
    pending.add(timer);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    peakInFlight: () => peak,
    resetPeak: () => { peak = inFlight; },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

// The client side: one request in the book's form, the rate as a number.
export async function fetchRate(url: string, pair: string): Promise<number> {
  const res = await fetch(`${url}/quotes.csv?s=${pair}=X&f=sl1`);
  if (!res.ok) throw new Error(`${pair}: HTTP ${res.status}`);
  return Number((await res.text()).split(',')[1]);
}
