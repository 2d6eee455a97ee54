/**
 * A client-server application: a shop with accounts and two sessions
 *
 * @book    1e ch. 5 "Distributed Python" › Developing a client-server
 *          application with Pyro4
 * @python  server.py, shop.py, client.py (1st edition)
 * @covers  D10
 * @run     npm run recipe -- distributed/shop-sessions
 * @see     distributed/chain-of-objects, distributed/percall-worker
 *
 * The book's shop keeps an account per customer; Rashmi deposits 100
 * and buys a 37 book, Meeta deposits 50 twice, and the server lists
 * every account. Its listing lacks `@Pyro4.expose`, so it fails on
 * Pyro4 >= 4.46; ours exposes what clients may call. Pyro4's *session*
 * mode makes one `ShopSession` per connection: "who is logged on" lives
 * there, per client; the balances live in the one shared shop.
 */
import { isEntry } from '@cookbook/shared';
import { behavior, Daemon, expose, proxy } from '@cookbook/shared/rpc';

// The book's shop name: the daemon registers the object under it.
const SHOP_NAME = 'BuyAnythingOnline';

// The one shop every session shares: a balance per customer name (the
// book's Account objects hold just this number).
const shop = new Map<string, number>();

// One ShopSession per client connection ('session' mode): it remembers
// who logged on, so later calls need no name. Errors raised here reach
// the client as Python-style ValueErrors.
export class ShopSession {
  private customer = ''; // set by logOn, for this connection only

  // Not exposed: every call but logOn needs someone logged on.
  private who(): string {
    if (!this.customer) throw new RangeError('log on first');
    return this.customer;
  }

  // Logging on opens an account at 0 if the name is new.
  logOn(name: string): string {
    shop.set((this.customer = name), shop.get(name) ?? 0);
    return `${name} logged on`;
  }

  // Deposits and purchases move money in the shared shop.
  deposit(amount: number): string {
    shop.set(this.who(), this.balance() + amount);
    return `${this.who()} deposited ${amount.toFixed(2)}`;
  }

  // A purchase the balance cannot cover raises, as the book's does.
  buy(product: string, price: number): string {
    if (this.balance() < price) {
      throw new RangeError(`not enough money for a ${product}`);
    }
    shop.set(this.who(), this.balance() - price);
    return `${this.who()} bought a ${product} for ${price.toFixed(2)}`;
  }

  // One customer's balance, then every account, sorted by name.
  balance(): number { return shop.get(this.who()) ?? 0; }
  allAccounts(): Record<string, number> {
    return Object.fromEntries([...shop].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
// Only these are callable: `who()` stays server-side.
expose(ShopSession, ['logOn', 'deposit', 'buy', 'balance', 'allAccounts']);
behavior(ShopSession, { instanceMode: 'session' });

// The test checks the final accounts and the refused purchase.
export interface Result { balances: Record<string, number>; refused: string }

// The book runs a server and two client scripts; we run all three here.
export async function main(): Promise<Result> {
  // Registering the *class* lets the daemon make the sessions.
  const daemon = await Daemon.start();
  const uri = daemon.register(ShopSession, { id: SHOP_NAME });
  // Two customers, two proxies: two connections, two sessions.
  const rashmi = proxy<ShopSession>(uri);
  const meeta = proxy<ShopSession>(uri);
  try {
    // The calls alternate; each session still knows its own customer.
    console.log(await rashmi.logOn('Rashmi'));
    console.log(await meeta.logOn('Meeta'));
    console.log(await rashmi.deposit(100));
    console.log(await meeta.deposit(50));
    console.log(await rashmi.buy('book', 37));
    console.log(await meeta.deposit(50));
    // Each session answers for its own customer.
    console.log(`Rashmi: balance=${(await rashmi.balance()).toFixed(2)}`);
    console.log(`Meeta: balance=${(await meeta.balance()).toFixed(2)}`);

    // A refused purchase comes back as a remote exception (RemoteError).
    const refused = await meeta.buy('car', 5000).then(() => '',
      (e: Error) => e.message);
    console.log(`Meeta: ${refused}`);

    // Any session can list every account: they share one shop.
    const balances = await rashmi.allAccounts();
    console.log(`The accounts in the ${SHOP_NAME}:`);
    for (const [name, balance] of Object.entries(balances)) {
      console.log(`  ${name}: ${balance.toFixed(2)}`);
    }
    return { balances, refused };
  } finally {
    // Closing the proxies ends both sessions; an empty shop starts afresh.
    [rashmi, meeta].forEach((customer) => customer._pyroRelease());
    await daemon.close();
    shop.clear();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// Rashmi logged on
// Meeta logged on
// Rashmi deposited 100.00
// Meeta deposited 50.00
// Rashmi bought a book for 37.00
// Meeta deposited 50.00
// Rashmi: balance=63.00
// Meeta: balance=100.00
// Meeta: ValueError: not enough money for a car
// The accounts in the BuyAnythingOnline:
//   Meeta: 100.00
//   Rashmi: 63.00
