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
 * The book's shop keeps an `Account` per customer; two customers log
 * on, deposit and buy, and the server prints every account at the end:
 * Rashmi deposits 100 and buys a 37 book, Meeta deposits 50 twice. Its
 * listing lacks `@Pyro4.expose`, so it fails on Pyro4 >= 4.46; ours
 * exposes what clients may call. We also use Pyro4's *session* instance
 * mode: the daemon makes one `ShopSession` per connection, so "who is
 * logged on" lives on the server, per client, while the accounts live
 * in the one shared `Shop`. The two clients run side by side.
 */
import { isEntry } from '@cookbook/shared';
import {
  behavior, Daemon, expose, proxy, RemoteError,
} from '@cookbook/shared/rpc';

const SHOP_NAME = 'BuyAnythingOnline';

// The shared state: one Account per customer name.
class Account {
  balance = 0;
}

export class Shop {
  readonly accounts = new Map<string, Account>();
  account(name: string): Account {
    let found = this.accounts.get(name);
    if (!found) this.accounts.set(name, (found = new Account()));
    return found;
  }
}
const shop = new Shop();

// One ShopSession per client connection ('session' mode): it remembers
// who logged on, so later calls need no name. Errors raised here reach
// the client as Python-style ValueErrors.
export class ShopSession {
  private customer: string | undefined;

  private account(): Account {
    if (!this.customer) throw new RangeError('log on first');
    return shop.account(this.customer);
  }

  logOn(name: string): string {
    this.customer = name;
    shop.account(name);
    return `${name} logged on`;
  }

  deposit(amount: number): string {
    this.account().balance += amount;
    return `${this.customer} deposited ${amount.toFixed(2)}`;
  }

  buy(product: string, price: number): string {
    const account = this.account();
    if (account.balance < price) {
      throw new RangeError(`not enough money for a ${product}`);
    }
    account.balance -= price;
    return `${this.customer} bought a ${product} for ${price.toFixed(2)}`;
  }

  balance(): number { return this.account().balance; }

  allAccounts(): Record<string, number> {
    const names = [...shop.accounts.keys()].sort();
    return Object.fromEntries(names.map((n) => [n, shop.account(n).balance]));
  }
}
// Only these are callable: `account()` stays server-side.
expose(ShopSession, ['logOn', 'deposit', 'buy', 'balance', 'allAccounts']);
behavior(ShopSession, { instanceMode: 'session' });

// The test checks the final accounts and the refused purchase.
export interface Result {
  balances: Record<string, number>;
  refused: string;
}

export async function main(): Promise<Result> {
  // Registering the *class* lets the daemon make the sessions.
  const daemon = await Daemon.start();
  const uri = daemon.register(ShopSession, { id: SHOP_NAME });
  // Two customers, two proxies: two connections, two sessions.
  const rashmi = proxy<ShopSession>(uri);
  const meeta = proxy<ShopSession>(uri);
  try {
    // The calls alternate between the clients; each session still
    // knows its own customer.
    console.log(await rashmi.logOn('Rashmi'));
    console.log(await meeta.logOn('Meeta'));
    console.log(await rashmi.deposit(100));
    console.log(await meeta.deposit(50));
    console.log(await rashmi.buy('book', 37));
    console.log(await meeta.deposit(50));
    console.log(`Rashmi: balance=${(await rashmi.balance()).toFixed(2)}`);
    console.log(`Meeta: balance=${(await meeta.balance()).toFixed(2)}`);

    // A refused purchase comes back as a remote exception.
    const refused = await meeta.buy('car', 5000).then(() => '',
      (e: RemoteError) => e.message);
    console.log(`Meeta: ${refused}`);

    // Any session can list every account: they share one Shop.
    const balances = await rashmi.allAccounts();
    console.log(`The accounts in the ${SHOP_NAME}:`);
    for (const [name, balance] of Object.entries(balances)) {
      console.log(`  ${name}: ${balance.toFixed(2)}`);
    }
    return { balances, refused };
  } finally {
    // Closing the proxies ends both sessions; clearing the shop lets a
    // second run in the same process start afresh.
    rashmi._pyroRelease();
    meeta._pyroRelease();
    await daemon.close();
    shop.accounts.clear();
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
