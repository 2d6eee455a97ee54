/**
 * Optimizing communication: a Cartesian virtual topology, mesh and torus
 *
 * @book    2e ch. 4 "Message Passing" › Optimizing communication
 * @book    1e ch. 3 "Process-based Parallelism" › How to optimize
 *          communication
 * @python  Chapter04/virtualTopology.py
 * @covers  M9
 * @ranks   4
 * @timeout 60000
 * @run     npm run recipe -- messaging/virtual-topology
 * @see     messaging/heat-halo — a grid that exchanges its borders
 *
 * `comm.Create_cart((rows, cols), periods)` lays the ranks out on a grid
 * (row-major) and `Shift(direction, 1)` names the neighbours on either
 * side of one axis: direction 0 gives UP and DOWN, direction 1 LEFT and
 * RIGHT. On a mesh a rank on the edge has no neighbour there (PROC_NULL,
 * printed -1); on a torus (`periods` true) the grid wraps around. The
 * book's listing always passes periods=True, yet the first output it
 * shows is the mesh; we build both, one after the other.
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// The book's example: 4 ranks, a 2 x 2 grid.
const RANKS = 4;

// What a rank reports per grid: which grid, its coords, its neighbours.
interface Place {
  torus: boolean;
  coords: number[];
  /** [UP, DOWN, LEFT, RIGHT] */
  neighbours: number[];
}

// ── Rank side ──────────────────────────────────────────────────────
async function topology(comm: Comm): Promise<Place[]> {
  const { rank, size } = comm;
  // The book's grid shape: as square as the number of ranks allows.
  let gridRow = Math.floor(Math.sqrt(size));
  let gridColumn = Math.floor(size / gridRow);
  if (gridRow * gridColumn > size) gridColumn -= 1;
  if (gridRow * gridColumn > size) gridRow -= 1;
  if (rank === 0) {
    console.log(`Building a ${gridRow} x ${gridColumn} grid topology:`);
  }

  // One place per grid this rank is on.
  const places: Place[] = [];
  // The mesh first, then the torus. createCart is collective: every
  // rank calls it and gets a new communicator with the grid attached.
  for (const torus of [false, true]) {
    const cart = await comm.createCart([gridRow, gridColumn],
      { periods: [torus, torus], reorder: true });
    if (cart === null) continue; // a rank left off the grid
    // Our place on the grid, then the neighbours one step away on each
    // axis: shift returns [source, dest], the rank behind and ahead.
    const [myRow, myCol] = cart.coords;
    const [up, down] = cart.shift(0, 1);
    const [left, right] = cart.shift(1, 1);
    // The book's line, with the grid's name in front.
    console.log(`${torus ? 'torus' : 'mesh '}: Process = ${rank} row = ` +
      `${myRow} column = ${myCol} -> UP=${up} DOWN=${down} ` +
      `LEFT=${left} RIGHT=${right}`);
    places.push({ torus, coords: cart.coords,
      neighbours: [up, down, left, right] });
  }
  return places;
}

// ── Main side ──────────────────────────────────────────────────────
// The test checks each rank's coords and neighbours on both grids.
export interface Result {
  /** places[r]: rank r on the mesh, then on the torus. */
  places: Place[][];
}

// Four ranks; each returns its place on both grids.
export async function main(): Promise<Result> {
  return { places: await mpiRun(new URL(import.meta.url), RANKS) };
}

// A rank runs `topology`; run directly, this file starts the ranks.
if (inRank()) await runRank(topology);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// Building a 2 x 2 grid topology:
// mesh : Process = 0 row = 0 column = 0 -> UP=-1 DOWN=2 LEFT=-1 RIGHT=1
// mesh : Process = 1 row = 0 column = 1 -> UP=-1 DOWN=3 LEFT=0 RIGHT=-1
// mesh : Process = 2 row = 1 column = 0 -> UP=0 DOWN=-1 LEFT=-1 RIGHT=3
// mesh : Process = 3 row = 1 column = 1 -> UP=1 DOWN=-1 LEFT=2 RIGHT=-1
// torus: Process = 0 row = 0 column = 0 -> UP=2 DOWN=2 LEFT=1 RIGHT=1
// torus: Process = 1 row = 0 column = 1 -> UP=3 DOWN=3 LEFT=0 RIGHT=0
// torus: Process = 2 row = 1 column = 0 -> UP=0 DOWN=0 LEFT=3 RIGHT=3
// torus: Process = 3 row = 1 column = 1 -> UP=1 DOWN=1 LEFT=2 RIGHT=2
