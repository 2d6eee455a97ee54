"""A process-pool CPU job: count the primes below --limit.

The range is cut into --tasks chunks that a multiprocessing.Pool of
--workers processes counts by trial division; the answer is the count,
the same number a JS baseline computes. The pool is started before the
first run, so a sample is pure work plus the pool's dispatch cost.

    /usr/bin/python3 pool_cpu.py --workers 2 --limit 50000 --tasks 8
"""
import multiprocessing

from peer import int_arg, serve


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(bounds):
    lo, hi = bounds
    return sum(1 for n in range(lo, hi) if is_prime(n))


def main():
    workers = int_arg("workers", 2)
    limit = int_arg("limit", 50_000)
    tasks = int_arg("tasks", 4 * workers)
    step = -(-limit // tasks)
    chunks = [(lo, min(lo + step, limit)) for lo in range(0, limit, step)]
    pool = multiprocessing.Pool(workers)
    serve(lambda: sum(pool.map(count_primes, chunks)), close=pool.terminate)


if __name__ == "__main__":
    main()
