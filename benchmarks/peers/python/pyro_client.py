"""A Python Pyro4 client for the TypeScript tests (shared/src/rpc).

Finds ``--name`` through the name server at 127.0.0.1:``--ns-port``
(json serializer, optional ``--hmac KEY``), calls the TypeScript test
object and prints one json line with what it saw:

    /usr/bin/python3 pyro_client.py --ns-port 9090 --name ts.calc

Needs python3-pyro4 (Debian).
"""
import json
import sys
import time

import Pyro4
import Pyro4.errors

Pyro4.config.SERIALIZER = "json"


def arg(name, default):
    flag = "--" + name
    if flag in sys.argv:
        return sys.argv[sys.argv.index(flag) + 1]
    return default


def error_of(call):
    try:
        call()
        return None
    except Exception as error:  # report the class and text, not raise
        return [type(error).__name__, str(error)]


def main():
    key = arg("hmac", "").encode() or None
    port = int(arg("ns-port", "9090"))
    out = {}
    ns = Pyro4.locateNS("127.0.0.1", port, hmac_key=key)
    uri = ns.lookup(arg("name", "ts.calc"))
    out["uri_type"] = type(uri).__name__
    out["names"] = sorted(ns.list().keys())
    out["prefixed"] = sorted(ns.list(prefix="ts.").keys())
    found, _meta = ns.lookup("ts.calc", return_metadata=True)
    out["with_meta"] = type(found).__name__
    calc = Pyro4.Proxy(uri)
    calc._pyroHmacKey = key
    out["welcome"] = calc.welcomeMessage("Python")
    out["add"] = calc.add(2, 3)
    out["echo"] = calc.echo({"list": [1, 2.5, "x", None, True]})
    out["fail"] = error_of(calc.fail)
    out["hidden"] = error_of(lambda: calc.helper())
    calc.note("one-way")
    time.sleep(0.05)
    out["notes"] = calc.notes()
    out["unknown_name"] = error_of(lambda: ns.lookup("no.such.name"))
    calc._pyroRelease()
    ns._pyroRelease()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
