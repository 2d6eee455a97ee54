"""The peer side of the benchmark harness's line protocol.

The harness (benchmarks/src/peers.ts) starts a peer script once, outside
the timed region, then for each run writes ``run`` on a line of its own
and reads back one JSON line ``{"ns": <int>, "answer": <json>}``. The
script times the work itself with ``time.perf_counter_ns``, so Python's
start-up and the script's setup (pools, child processes, servers) are
never part of a sample. ``quit`` or end of input ends the script; the
harness kills the script's whole process group afterwards anyway.

A peer script does its setup, then calls ``serve(run)``::

    from peer import serve

    pool = multiprocessing.Pool(2)      # setup: not timed
    serve(lambda: sum(pool.map(work, chunks)), close=pool.terminate)

Only the standard library is used here, so every peer can import it.
"""
import json
import sys
import time


# The commands arrive on stdin, but helpers a peer starts may read it
# too: Open MPI's runtime forwards our stdin to spawned ranks and would
# eat the "run" lines. So we keep a private (non-inheritable) duplicate
# and point file descriptor 0 at /dev/null. Import this module first.
import os

_commands = os.fdopen(os.dup(0), "r")
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)


def serve(run, close=None, prepare=None):
    """Answer ``run`` lines until ``quit`` or EOF; then call ``close``.

    ``prepare``, if given, runs before each timed ``run``, off the clock
    (an MPI peer wakes its idle ranks there; see mpi_launch.py).
    """
    try:
        for line in _commands:
            command = line.strip()
            if command == "quit":
                break
            if command != "run":
                print(f"peer: unknown command {command!r}", file=sys.stderr)
                sys.exit(2)
            if prepare is not None:
                prepare()
            start = time.perf_counter_ns()
            answer = run()
            ns = time.perf_counter_ns() - start
            sys.stdout.write(json.dumps({"ns": ns, "answer": answer}) + "\n")
            sys.stdout.flush()
    finally:
        if close is not None:
            close()


def int_arg(name, default):
    """The value of ``--name N`` on the command line, else ``default``."""
    flag = f"--{name}"
    if flag in sys.argv:
        return int(sys.argv[sys.argv.index(flag) + 1])
    return default


def str_arg(name, default):
    flag = f"--{name}"
    if flag in sys.argv:
        return sys.argv[sys.argv.index(flag) + 1]
    return default
