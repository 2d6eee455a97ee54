// A piscina task for the helper tests.
export default function double(n: number): number {
  return n * 2;
}
