"""Celery tasks: --tasks square(i) tasks sent as a group to an in-process
Celery worker with --workers threads and collected; the answer is the
sum of i * i for i in range(tasks). By default broker and result backend
are in memory, so this measures Celery's per-task overhead, not a
network; --broker and --backend take URLs (redis://127.0.0.1:6379/0).

    /usr/bin/python3 celery_tasks.py --workers 2 --tasks 200

With --pool prefork (and a real --broker and --backend), the worker is
a separate `celery worker` process with --workers child processes, as
in a deployment; the default --pool threads runs it in this process.

Needs python3-celery (Debian), and python3-redis for redis:// URLs.
"""
import os
import subprocess
import sys
import time

from celery import Celery, group
from celery.contrib.testing.worker import start_worker

from peer import int_arg, serve, str_arg

# A `celery worker` subprocess imports this module too: it reads the
# URLs from the environment, since its own argv has no --broker/--backend.
BROKER = str_arg("broker", os.environ.get("PEER_BROKER", "memory://"))
BACKEND = str_arg("backend", os.environ.get("PEER_BACKEND", "cache+memory://"))
app = Celery("peer", broker=BROKER, backend=BACKEND)
# kombu's in-memory transport polls for messages once a second by default,
# which would make every task look like a second of overhead.
app.conf.broker_transport_options = {"polling_interval": 0.001}
# With the default prefetch (4 per thread), a worker that has drained its
# window waits about a second for the transport to hand it more: 40 tasks
# took 8 s instead of 20 ms. A large window keeps the worker fed.
app.conf.worker_prefetch_multiplier = 1024


# An explicit name: a `celery worker` subprocess imports this file as
# `celery_tasks`, not `__main__`, and would not know `peer.square`.
@app.task(name="peer.square")
def square(x):
    return x * x


def start_prefork(workers):
    """A `celery worker --pool prefork` process; returns its stopper."""
    env = dict(os.environ, PEER_BROKER=BROKER, PEER_BACKEND=BACKEND)
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "celery_tasks", "worker",
         "--pool", "prefork", "--concurrency", str(workers),
         "--loglevel", "WARNING", "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=os.path.dirname(os.path.abspath(__file__)), env=env,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not app.control.ping(timeout=0.5):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            sys.exit("celery worker did not start")

    def stop():
        proc.terminate()
        proc.wait(timeout=30)
    return stop


def main():
    workers = int_arg("workers", 2)
    tasks = int_arg("tasks", 200)
    if str_arg("pool", "threads") == "prefork":
        close = start_prefork(workers)
    else:
        worker = start_worker(
            app, pool="threads", concurrency=workers, perform_ping_check=False
        )
        worker.__enter__()

        def close():
            worker.__exit__(None, None, None)

    def run():
        result = group(square.s(i) for i in range(tasks))()
        # A short polling interval: the default (0.5 s) would dominate.
        return sum(result.get(timeout=60, interval=0.001))

    serve(run, close=close)


if __name__ == "__main__":
    main()
