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

# How often a sleeping follower looks for rank 0's word. The wait is
# outside every clock, so it can be long; a 1 ms poll woke a core a
# thousand times a second, and on 2 cores that preempted the spinning
# ranks of whatever variant the harness was timing meanwhile.
POLL_SECONDS = 0.02


# Before its clock, rank 0 runs this long (the followers are spinning
# inside MPI by then): both sides of a comparison start on warm cores,
# as the TypeScript jobs do (WARM_MS in shared/src/mpi/job.ts, which
# says why 20 ms).
WARM_SECONDS = 0.02


def lead(comm, value):
    """Rank 0: hand `value` to every follower and wait until all are up."""
    for rank in range(1, comm.Get_size()):
        comm.send(value, dest=rank, tag=GO)
    for rank in range(1, comm.Get_size()):
        comm.recv(source=rank, tag=GO)
    if value:
        until = time.perf_counter() + WARM_SECONDS
        while time.perf_counter() < until:
            pass


def follow(comm):
    """Any other rank: sleep until rank 0 leads, then return its value."""
    request = comm.irecv(source=0, tag=GO)
    while True:
        done, value = request.test()
        if done:
            break
        time.sleep(POLL_SECONDS)
    comm.send(None, dest=0, tag=GO)
    return value
