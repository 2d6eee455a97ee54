"""A Python Pyro4 server for the TypeScript tests (shared/src/rpc).

Serves a ``Calc`` object on 127.0.0.1 and registers it as ``--name``
in the name server at 127.0.0.1:``--ns-port`` (json serializer,
optional ``--hmac KEY``). Prints ``ready <uri>`` on stdout, then serves
until stdin closes.

    /usr/bin/python3 pyro_server.py --ns-port 9090 --name py.calc

Needs python3-pyro4 (Debian).
"""
import sys
import threading

import Pyro4

Pyro4.config.SERIALIZER = "json"
Pyro4.config.SERIALIZERS_ACCEPTED = {"json"}


def arg(name, default):
    flag = "--" + name
    if flag in sys.argv:
        return sys.argv[sys.argv.index(flag) + 1]
    return default


class Calc:
    """Only the methods marked with @Pyro4.expose are remotely callable."""

    def __init__(self):
        self.noted = []

    @Pyro4.expose
    def add(self, a, b):
        return a + b

    @Pyro4.expose
    def welcomeMessage(self, name):
        return "Hi welcome " + str(name)

    @Pyro4.expose
    def fail(self):
        raise ValueError("bad amount")

    @Pyro4.expose
    def echo(self, value):
        return value

    @Pyro4.expose
    @Pyro4.oneway
    def note(self, value):
        self.noted.append(value)

    @Pyro4.expose
    def notes(self):
        return self.noted

    def helper(self):
        return "not exposed"


def main():
    key = arg("hmac", "").encode() or None
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    daemon._pyroHmacKey = key
    uri = daemon.register(Calc())
    ns = Pyro4.locateNS("127.0.0.1", int(arg("ns-port", "9090")),
                        hmac_key=key)
    ns.register(arg("name", "py.calc"), uri)
    ns._pyroRelease()
    print("ready", uri, flush=True)
    threading.Thread(target=daemon.requestLoop, daemon=True).start()
    sys.stdin.read()
    daemon.shutdown()


if __name__ == "__main__":
    main()
