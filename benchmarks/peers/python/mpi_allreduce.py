"""mpi4py allreduce: --workers ranks each sum their share of range(--n)
and combine the partial sums with allreduce(SUM). The answer is
n * (n - 1) / 2.

    /usr/bin/python3 mpi_allreduce.py --workers 2 --n 1000000

The script starts itself again under mpirun with --workers ranks
(mpi_launch.py). Needs python3-mpi4py and openmpi-bin (Debian).
"""
import sys

from mpi_launch import relaunch, under_mpirun

if not under_mpirun():
    # Not peer.int_arg: importing peer now would detach our stdin, and
    # mpirun must inherit it to forward the commands to rank 0.
    flag = "--workers"
    relaunch(int(sys.argv[sys.argv.index(flag) + 1]) if flag in sys.argv
             else 2)

from peer import int_arg, serve  # noqa: E402  (keeps stdin; see peer.py)

from mpi4py import MPI  # noqa: E402


def main():
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()

    def step(n):
        return comm.allreduce(sum(range(rank, n, size)), op=MPI.SUM)

    if rank != 0:
        # Every other rank follows rank 0: a broadcast n means one more
        # allreduce; None means the run is over.
        while (n := comm.bcast(None, root=0)) is not None:
            step(n)
        return

    n = int_arg("n", 1_000_000)

    def run():
        comm.bcast(n, root=0)
        return step(n)

    serve(run, close=lambda: comm.bcast(None, root=0))


main()
