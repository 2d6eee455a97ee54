"""Pyro4 remote calls: --calls sequential calls of add(total, i) on an
object served by a Pyro4 daemon in a separate process on 127.0.0.1. The
answer is sum(range(calls)).

    /usr/bin/python3 pyro_calls.py --calls 1000

Needs python3-pyro4 (Debian).
"""
import multiprocessing

import Pyro4

from peer import int_arg, serve


@Pyro4.expose
class Adder:
    def add(self, a, b):
        return a + b


def server(uris):
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uris.put(str(daemon.register(Adder)))
    daemon.requestLoop()


def main():
    calls = int_arg("calls", 1_000)
    uris = multiprocessing.Queue()
    daemon = multiprocessing.Process(target=server, args=(uris,), daemon=True)
    daemon.start()
    proxy = Pyro4.Proxy(uris.get(timeout=30))

    def run():
        total = 0
        for i in range(calls):
            total = proxy.add(total, i)
        return total

    def close():
        proxy._pyroRelease()
        daemon.terminate()

    serve(run, close=close)


if __name__ == "__main__":
    main()
