"""Mandelbrot: the image of threads/cpu-bound's benchmark, drawn by
--workers Python threads (--mode threads) or processes (--mode
processes), or on the calling thread (--mode serial). The arithmetic is
written exactly as renderRow in recipes/01-threads/22-mandelbrot.task.ts,
so the iteration counts match the JS image bit for bit; the answer is
the same digest the JS bench computes: the CRC-32 of the image's
little-endian uint16 bytes, its sum, and its size.

    /usr/bin/python3 mandelbrot.py --mode threads --workers 2 \
        --width 600 --height 480 --max-iter 1000 --view -2.2,0.8,-1.2,1.2

Threads share the image and take rows from a shared counter; they are
no faster than one thread, because the GIL lets one of them compute at a
time (the lesson of DC-3.2). Processes get rows through a Pool (started
once, before the first run) and send each row back as bytes.
Standard library only.
"""
import itertools
import multiprocessing
import sys
import threading
import zlib
from array import array

from peer import int_arg, serve, str_arg

SPEC = {}


def render_row(y):
    """One row of iteration counts, as renderRow computes it in JS."""
    width, height, max_iter = SPEC["width"], SPEC["height"], SPEC["max_iter"]
    x_min, x_max, y_min, y_max = SPEC["view"]
    dx = (x_max - x_min) / width
    ci = y_min + y * ((y_max - y_min) / height)
    row = array("H", bytes(2 * width))
    for x in range(width):
        cr = x_min + x * dx
        zr = 0.0
        zi = 0.0
        i = 0
        while i < max_iter:
            zr2 = zr * zr
            zi2 = zi * zi
            if zr2 + zi2 > 4:
                break
            zi = 2 * zr * zi + ci
            zr = zr2 - zi2 + cr
            i += 1
        row[x] = i
    return row


def row_bytes(y):
    return y, render_row(y).tobytes()


def init(spec):
    SPEC.update(spec)


def digest(image):
    if sys.byteorder != "little":
        image = array("H", image)
        image.byteswap()
    return {
        "width": SPEC["width"],
        "height": SPEC["height"],
        "maxIter": SPEC["max_iter"],
        "crc32": zlib.crc32(image.tobytes()),
        "sum": sum(image),
    }


def blank():
    return array("H", bytes(2 * SPEC["width"] * SPEC["height"]))


def serial():
    image = blank()
    width = SPEC["width"]
    for y in range(SPEC["height"]):
        image[y * width:(y + 1) * width] = render_row(y)
    return digest(image)


def threaded(workers):
    image = blank()
    width, height = SPEC["width"], SPEC["height"]
    rows = itertools.count()
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                y = next(rows)
            if y >= height:
                return
            image[y * width:(y + 1) * width] = render_row(y)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return digest(image)


def in_processes(pool):
    image = blank()
    width = SPEC["width"]
    for y, data in pool.imap_unordered(row_bytes, range(SPEC["height"]), 4):
        image[y * width:(y + 1) * width] = array("H", data)
    return digest(image)


def main():
    view = tuple(float(v) for v in str_arg("view", "-2.2,0.8,-1.2,1.2")
                 .split(","))
    init({
        "width": int_arg("width", 600),
        "height": int_arg("height", 480),
        "max_iter": int_arg("max-iter", 1000),
        "view": view,
    })
    mode = str_arg("mode", "serial")
    workers = int_arg("workers", 2)
    if mode == "serial":
        serve(serial)
    elif mode == "threads":
        serve(lambda: threaded(workers))
    elif mode == "processes":
        pool = multiprocessing.Pool(workers, init, (dict(SPEC),))
        serve(lambda: in_processes(pool), close=pool.terminate)
    else:
        sys.exit(f"unknown --mode {mode}")


if __name__ == "__main__":
    main()
