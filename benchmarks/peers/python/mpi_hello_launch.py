"""Launch cost of mpirun: each run starts `mpirun -np --ranks` on a
hello world like the book's helloworld_MPI.py and waits for it to exit.
The answer is the number of "hello world" lines (= --ranks).

    /usr/bin/python3 mpi_hello_launch.py --ranks 10

Needs python3-mpi4py and openmpi-bin (Debian).
"""
import shutil
import subprocess
import sys

from peer import int_arg, serve

HELLO = ("from mpi4py import MPI\n"
         "print('hello world from process', MPI.COMM_WORLD.Get_rank())\n")


def main():
    ranks = int_arg("ranks", 10)
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        sys.exit("peer: mpirun not found (apt-get install openmpi-bin)")
    command = [
        mpirun, "--allow-run-as-root", "--oversubscribe", "-np", str(ranks),
        "--mca", "btl", "self,vader", "--mca", "oob_tcp_if_include", "lo",
        sys.executable, "-c", HELLO,
    ]

    def run():
        out = subprocess.run(command, stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, check=True)
        return out.stdout.count("hello world")

    serve(run)


main()
