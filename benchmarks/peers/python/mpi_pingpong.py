"""mpi4py ping-pong: --messages round trips of a --size byte message
between rank 0 and rank 1: pickled send/recv, as the book's recipes use,
or with --mode buffer a bytearray moved by Send/Recv with no pickling
(its first 8 bytes carry the round trip's number). The answer is
sum(range(N)).

    /usr/bin/python3 mpi_pingpong.py --messages 1000 --size 0
    /usr/bin/python3 mpi_pingpong.py --messages 1000 --size 8 --mode buffer

The script starts itself again under mpirun with 2 ranks (mpi_launch.py).
Needs python3-mpi4py and openmpi-bin (Debian).
"""
from mpi_launch import follow, lead, relaunch, under_mpirun

if not under_mpirun():
    relaunch(2)

import struct  # noqa: E402

from peer import int_arg, serve, str_arg  # noqa: E402  (keeps stdin)

from mpi4py import MPI  # noqa: E402


def buffered(comm, messages, size):
    """Send/Recv of one bytearray; the stamp is a little-endian double."""
    buf = bytearray(max(8, size))
    if comm.Get_rank() == 1:
        # Between runs we sleep (see mpi_launch.follow); inside a run,
        # Recv blocks as MPI does.
        while (count := follow(comm)) is not None:
            for _ in range(count):
                comm.Recv([buf, MPI.BYTE], source=0)
                comm.Send([buf, MPI.BYTE], dest=0)
        return

    def run():
        total = 0
        for i in range(messages):
            struct.pack_into("<d", buf, 0, i)
            comm.Send([buf, MPI.BYTE], dest=1)
            comm.Recv([buf, MPI.BYTE], source=1)
            total += int(struct.unpack_from("<d", buf)[0])
        return total

    serve(run, prepare=lambda: lead(comm, messages),
          close=lambda: lead(comm, None))


def main():
    comm = MPI.COMM_WORLD
    messages = int_arg("messages", 1_000)
    if str_arg("mode", "pickle") == "buffer":
        return buffered(comm, messages, int_arg("size", 8))
    payload = b"x" * int_arg("size", 0)
    if comm.Get_rank() == 1:
        # The partner echoes `count` messages a run, sleeping between.
        while (count := follow(comm)) is not None:
            for _ in range(count):
                comm.send(comm.recv(source=0), dest=0)
        return

    def run():
        total = 0
        for i in range(messages):
            comm.send((i, payload), dest=1)
            total += comm.recv(source=1)[0]
        return total

    serve(run, prepare=lambda: lead(comm, messages),
          close=lambda: lead(comm, None))


main()
