"""mpi4py ping-pong: --messages round trips of a --size byte message
between rank 0 and rank 1 (pickled send/recv, as the book's recipes use).
The answer is sum(range(N)).

    /usr/bin/python3 mpi_pingpong.py --messages 1000 --size 0

The script starts itself again under mpirun with 2 ranks (mpi_launch.py).
Needs python3-mpi4py and openmpi-bin (Debian).
"""
from mpi_launch import relaunch, under_mpirun

if not under_mpirun():
    relaunch(2)

from peer import int_arg, serve  # noqa: E402  (keeps stdin; see peer.py)

from mpi4py import MPI  # noqa: E402


def main():
    comm = MPI.COMM_WORLD
    messages = int_arg("messages", 1_000)
    payload = b"x" * int_arg("size", 0)
    if comm.Get_rank() == 1:
        # The partner echoes until rank 0 sends None.
        while (message := comm.recv(source=0)) is not None:
            comm.send(message, dest=0)
        return

    def run():
        total = 0
        for i in range(messages):
            comm.send((i, payload), dest=1)
            total += comm.recv(source=1)[0]
        return total

    serve(run, close=lambda: comm.send(None, dest=1))


main()
