"""Start this script again under mpirun, the way the book runs mpi4py code.

A peer is started as a plain `python3 script.py`. MPI's dynamic spawning
from a singleton works, but its ranks then talk over TCP (hundreds of
microseconds a message). Under mpirun, ranks on one machine use shared
memory (a few microseconds), which is what an MPI program really gets.
mpirun forwards our stdin to rank 0 and rank 0's stdout back to us, so
the peer protocol keeps working: rank 0 serves, the others follow it.
"""
import os
import shutil
import sys
import time


def under_mpirun():
    return "OMPI_COMM_WORLD_SIZE" in os.environ or "PMI_SIZE" in os.environ


def relaunch(ranks):
    """Replace this process with `mpirun -np ranks python3 <argv>`."""
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        sys.exit("peer: mpirun not found (apt-get install openmpi-bin)")
    args = [
        mpirun, "--allow-run-as-root", "--oversubscribe", "-np", str(ranks),
        "--mca", "btl", "self,vader", "--mca", "oob_tcp_if_include", "lo",
        sys.executable, *sys.argv,
    ]
    os.execv(mpirun, args)


# ── Idle ranks between runs ─────────────────────────────────────────
# Open MPI's blocking calls poll shared memory without end: a rank that
# waits in Recv or bcast for the next run keeps a whole core busy. The
# harness keeps every peer up while it times the other variants of a
# suite, so on a 2-core machine an idle peer would take a core from
# them (and from the other peers). Between runs the followers therefore
# sleep-poll for rank 0's word, and rank 0 sends it before its clock
# starts (serve's `prepare`), waiting until every follower is awake.
# Inside a run nothing changes: ranks block (and spin) as MPI does.
GO = 32_000  # a tag no benchmark message uses


def lead(comm, value):
    """Rank 0: hand `value` to every follower and wait until all are up."""
    for rank in range(1, comm.Get_size()):
        comm.send(value, dest=rank, tag=GO)
    for rank in range(1, comm.Get_size()):
        comm.recv(source=rank, tag=GO)


def follow(comm):
    """Any other rank: sleep until rank 0 leads, then return its value."""
    request = comm.irecv(source=0, tag=GO)
    while True:
        done, value = request.test()
        if done:
            break
        time.sleep(0.001)
    comm.send(None, dest=0, tag=GO)
    return value
