/** Numbers for people: SI prefixes and four significant digits. */

const PREFIXES: [number, string][] = [
  [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''],
  [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p'],
];

function fourDigits(x: number): string {
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(1);
  if (a >= 10) return x.toFixed(2);
  return x.toFixed(3);
}

/** benchstat's style: `1.718µ`, `652.1m`, `1.204`. */
export function formatSI(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  for (const [scale, prefix] of PREFIXES) {
    // Round first so 999.96µ prints as 1.000m, not 1000.0µ.
    const fits = Math.abs(Number(fourDigits(x / scale))) < 1000;
    if (a >= scale && (fits || prefix === 'G')) {
      return `${fourDigits(x / scale)}${prefix}`;
    }
  }
  return `${fourDigits(x / 1e-12)}p`;
}

/** A benchmark unit as benchstat names its column (`ns/op` → `sec/op`). */
export function displayUnit(unit: string): { unit: string; factor: number } {
  if (unit === 'ns/op') return { unit: 'sec/op', factor: 1e-9 };
  if (unit.startsWith('ns/')) {
    return { unit: `sec/${unit.slice(3)}`, factor: 1e-9 };
  }
  return { unit, factor: 1 };
}

/** A duration in nanoseconds for the markdown table: `12.34 ms`. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return String(ns);
  const units: [number, string][] = [
    [1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns'],
  ];
  for (const [scale, name] of units) {
    if (Math.abs(ns) >= scale && Number(fourDigits(ns / scale)) < 1000) {
      return `${fourDigits(ns / scale)} ${name}`;
    }
    if (name === 's' && Math.abs(ns) >= scale) {
      return `${fourDigits(ns / scale)} s`;
    }
  }
  return `${fourDigits(ns)} ns`;
}
