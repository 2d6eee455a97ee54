/**
 * The child side of processes/pool-map: ProcessPool imports this module
 * once in each child and calls the default export for every input.
 */
export interface Squared {
  square: number;
  pid: number;
}

export default function functionSquare(data: number): Squared {
  return { square: data * data, pid: process.pid };
}
