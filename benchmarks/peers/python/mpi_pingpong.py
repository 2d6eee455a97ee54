"""mpi4py ping-pong: --messages round trips of a --size byte message
between this process and one partner it spawns with MPI's dynamic
process management (no mpiexec needed: the script starts as a singleton
and spawns rank 0 of a child world). The answer is sum(range(N)).

    /usr/bin/python3 mpi_pingpong.py --messages 1000 --size 0

Needs python3-mpi4py (Debian) and an MPI runtime (openmpi-bin).
"""
import sys

from mpi4py import MPI

from peer import int_arg, serve


def partner():
    parent = MPI.Comm.Get_parent()
    while True:
        message = parent.recv(source=0)
        if message is None:
            break
        parent.send(message, dest=0)
    parent.Disconnect()


def main():
    messages = int_arg("messages", 1_000)
    payload = b"x" * int_arg("size", 0)
    child = MPI.COMM_SELF.Spawn(
        sys.executable, args=[__file__, "--partner"], maxprocs=1
    )

    def run():
        total = 0
        for i in range(messages):
            child.send((i, payload), dest=0)
            total += child.recv(source=0)[0]
        return total

    def close():
        child.send(None, dest=0)
        child.Disconnect()

    serve(run, close=close)


if __name__ == "__main__":
    if "--partner" in sys.argv:
        partner()
    else:
        main()
