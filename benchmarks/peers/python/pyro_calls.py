"""Pyro4 remote calls: --calls calls of add(total, i) on an object served
by a Pyro4 daemon in a separate process on 127.0.0.1. The answer is
sum(range(calls)).

With --inflight 1 (the default) the calls are sequential, on one proxy.
With --inflight N, N client threads each own a proxy (Pyro4 proxies are
not for concurrent use) and chain the calls i = k, k+N, k+2N, ...; the
answer is the sum of the N chains, still sum(range(calls)). The daemon's
thread pool is raised to fit N connections.

--serializer picks the wire format of both ends: serpent (Pyro4's
default) or json (what the TypeScript daemon and proxies speak, so the
same bytes go over the wire as in the impl=pyro-ts rows).

    /usr/bin/python3 pyro_calls.py --calls 1000 [--inflight 64] \
        [--serializer serpent|json]

Needs python3-pyro4 (Debian).
"""
import multiprocessing
from concurrent.futures import ThreadPoolExecutor

import Pyro4

from peer import int_arg, serve, str_arg


@Pyro4.expose
class Adder:
    def add(self, a, b):
        return a + b


def server(uris, inflight, serializer):
    Pyro4.config.SERIALIZERS_ACCEPTED = {serializer}
    Pyro4.config.THREADPOOL_SIZE = max(Pyro4.config.THREADPOOL_SIZE,
                                       2 * inflight)
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uris.put(str(daemon.register(Adder)))
    daemon.requestLoop()


def chain(proxy, numbers):
    total = 0
    for i in numbers:
        total = proxy.add(total, i)
    return total


def main():
    calls = int_arg("calls", 1_000)
    inflight = int_arg("inflight", 1)
    serializer = str_arg("serializer", "serpent")
    Pyro4.config.SERIALIZER = serializer
    uris = multiprocessing.Queue()
    daemon = multiprocessing.Process(target=server,
                                     args=(uris, inflight, serializer),
                                     daemon=True)
    daemon.start()
    uri = uris.get(timeout=30)
    proxies = [Pyro4.Proxy(uri) for _ in range(inflight)]
    for proxy in proxies:
        proxy._pyroBind()  # connect outside the timed region
    pool = ThreadPoolExecutor(max_workers=inflight)

    def run():
        if inflight == 1:
            return chain(proxies[0], range(calls))
        return sum(pool.map(
            lambda k: chain(proxies[k], range(k, calls, inflight)),
            range(inflight)))

    def close():
        pool.shutdown()
        for proxy in proxies:
            proxy._pyroRelease()
        daemon.terminate()

    serve(run, close=close)


if __name__ == "__main__":
    main()
