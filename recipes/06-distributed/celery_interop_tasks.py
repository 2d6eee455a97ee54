"""The Python side of distributed/celery-interop (20-celery-interop.ts).

As a Celery app (`python3 -m celery -A celery_interop_tasks worker`) it
serves `tasks.add` from the default queue. Run as a script it is a
Python client: it sends `tasks.mul(6, 7)` to the queue `node`, where a
TypeScript worker (celery-node) serves it, and prints the result.
Broker and result backend come from INTEROP_BROKER / INTEROP_BACKEND.
"""
import os

from celery import Celery

app = Celery(
    "interop",
    broker=os.environ["INTEROP_BROKER"],
    backend=os.environ["INTEROP_BACKEND"],
)
# celery-node only reads JSON messages.
app.conf.task_serializer = "json"
app.conf.result_serializer = "json"
app.conf.accept_content = ["json"]


@app.task(name="tasks.add")
def add(x, y):
    return x + y


if __name__ == "__main__":
    result = app.send_task("tasks.mul", args=(6, 7), queue="node")
    print(result.get(timeout=30, interval=0.05))
