"""Celery tasks: --tasks square(i) tasks sent as a group to an in-process
Celery worker with --workers threads and collected; the answer is the
sum of i * i for i in range(tasks). By default broker and result backend
are in memory, so this measures Celery's per-task overhead, not a
network; --broker and --backend take URLs (redis://127.0.0.1:6379/0).

    /usr/bin/python3 celery_tasks.py --workers 2 --tasks 200

Needs python3-celery (Debian).
"""
from celery import Celery, group
from celery.contrib.testing.worker import start_worker

from peer import int_arg, serve, str_arg

app = Celery(
    "peer",
    broker=str_arg("broker", "memory://"),
    backend=str_arg("backend", "cache+memory://"),
)
# kombu's in-memory transport polls for messages once a second by default,
# which would make every task look like a second of overhead.
app.conf.broker_transport_options = {"polling_interval": 0.001}
# With the default prefetch (4 per thread), a worker that has drained its
# window waits about a second for the transport to hand it more: 40 tasks
# took 8 s instead of 20 ms. A large window keeps the worker fed.
app.conf.worker_prefetch_multiplier = 1024


@app.task
def square(x):
    return x * x


def main():
    workers = int_arg("workers", 2)
    tasks = int_arg("tasks", 200)
    worker = start_worker(
        app, pool="threads", concurrency=workers, perform_ping_check=False
    )
    worker.__enter__()

    def run():
        result = group(square.s(i) for i in range(tasks))()
        # A short polling interval: the default (0.5 s) would dominate.
        return sum(result.get(timeout=60, interval=0.001))

    serve(run, close=lambda: worker.__exit__(None, None, None))


if __name__ == "__main__":
    main()
