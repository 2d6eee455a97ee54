"""multiprocessing.Pipe round trips: send --messages integers to a child
process that echoes each one back, waiting for every echo before the
next send. The answer is the sum of the echoed values, sum(range(N)).

    /usr/bin/python3 pipe_roundtrip.py --messages 10000 --size 0

--size N adds an N-byte payload to each message.
"""
import multiprocessing

from peer import int_arg, serve


def echo(conn):
    while True:
        message = conn.recv()
        if message is None:
            break
        conn.send(message)


def main():
    messages = int_arg("messages", 10_000)
    payload = b"x" * int_arg("size", 0)
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.Process(target=echo, args=(theirs,), daemon=True)
    child.start()

    def run():
        total = 0
        for i in range(messages):
            ours.send((i, payload))
            total += ours.recv()[0]
        return total

    def close():
        ours.send(None)
        child.join(timeout=2)

    serve(run, close=close)


if __name__ == "__main__":
    main()
