"""mpi4py allreduce: --workers ranks (this process plus spawned ones)
each sum their share of range(--n) and combine the partial sums with
allreduce(SUM). The answer is n * (n - 1) / 2.

    /usr/bin/python3 mpi_allreduce.py --workers 2 --n 1000000

Needs python3-mpi4py (Debian) and an MPI runtime (openmpi-bin).
"""
import sys

from mpi4py import MPI

from peer import int_arg, serve


def partial_sum(comm, n):
    rank, size = comm.Get_rank(), comm.Get_size()
    return sum(range(rank, n, size))


def child():
    comm = MPI.Comm.Get_parent().Merge(high=True)
    while True:
        n = comm.bcast(None, root=0)
        if n is None:
            break
        comm.allreduce(partial_sum(comm, n), op=MPI.SUM)
    comm.Free()


def main():
    workers = int_arg("workers", 2)
    n = int_arg("n", 1_000_000)
    comm = MPI.COMM_SELF
    if workers > 1:
        inter = MPI.COMM_SELF.Spawn(
            sys.executable, args=[__file__, "--child"], maxprocs=workers - 1
        )
        comm = inter.Merge(high=False)

    def run():
        comm.bcast(n, root=0)
        return comm.allreduce(partial_sum(comm, n), op=MPI.SUM)

    def close():
        comm.bcast(None, root=0)

    serve(run, close=close)


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        main()
