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
