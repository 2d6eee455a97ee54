"""The async/executors workload: the book's concurrent_futures_pooling.py.

count(item) loops --iterations times and returns iterations * item, for
the items 1..10, --mode sequential (a plain loop), threads (a
ThreadPoolExecutor) or processes (a ProcessPoolExecutor) with --workers.
The answer is {"iterations": N, "results": [...]}, in item order. The
pool is started and warmed before the first run.

    /usr/bin/python3 count_loop.py --mode processes --workers 2
"""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from peer import int_arg, serve, str_arg

ITEMS = range(1, 11)


def count(job):
    number, iterations = job
    i = 0
    for _ in range(iterations):
        i += 1
    return i * number


def main():
    mode = str_arg("mode", "processes")
    workers = int_arg("workers", 2)
    iterations = int_arg("iterations", 2_000_000)
    jobs = [(item, iterations) for item in ITEMS]

    def answer(results):
        return {"iterations": iterations, "results": list(results)}

    if mode == "sequential":
        serve(lambda: answer(map(count, jobs)))
        return
    kind = ThreadPoolExecutor if mode == "threads" else ProcessPoolExecutor
    pool = kind(max_workers=workers)
    list(pool.map(count, [(1, 1)] * workers))  # start the workers
    serve(lambda: answer(pool.map(count, jobs)),
          close=lambda: pool.shutdown(cancel_futures=True))


if __name__ == "__main__":
    main()
