"""mpi4py buffer Allreduce: --workers ranks each hold --n doubles,
x[i] = (i % 1000) + rank, and Allreduce(SUM) them; no numpy needed
(array.array is a buffer). The answer is [first, last] of the result.

    /usr/bin/python3 mpi_allreduce_buffer.py --workers 2 --n 1000000

The script starts itself again under mpirun with --workers ranks
(mpi_launch.py). Needs python3-mpi4py and openmpi-bin (Debian).
"""
import sys
from array import array

from mpi_launch import follow, lead, relaunch, under_mpirun

if not under_mpirun():
    flag = "--workers"
    relaunch(int(sys.argv[sys.argv.index(flag) + 1]) if flag in sys.argv
             else 2)

from peer import int_arg, serve  # noqa: E402  (keeps stdin; see peer.py)

from mpi4py import MPI  # noqa: E402


def main():
    comm = MPI.COMM_WORLD
    rank = comm.Get_rank()
    n = int_arg("n", 1_000_000)
    mine = array("d", ((i % 1000) + rank for i in range(n)))
    total = array("d", bytes(8 * n))

    def step():
        comm.Allreduce([mine, MPI.DOUBLE], [total, MPI.DOUBLE], op=MPI.SUM)

    if rank != 0:
        # Between runs we sleep (see mpi_launch.follow), not spin.
        while follow(comm):
            step()
        return

    def run():
        step()
        return [total[0], total[n - 1]]

    serve(run, prepare=lambda: lead(comm, True),
          close=lambda: lead(comm, False))


main()
