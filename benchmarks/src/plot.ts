/**
 * Pictures of a result file, as hand-written SVG (no dependency, no
 * browser). One panel per suite: for a worker sweep (variants named
 * `.../workers=N`) speed-up against workers with the ideal line y = x;
 * otherwise horizontal bars of the median with the 95% CI as whiskers.
 */
import { effectiveConfig, type Benchmark, type ResultFile } from './format.ts';
import { medianCI } from './stats.ts';
import { speedupReference, workersOf } from './suite.ts';
import { formatNs } from './units.ts';

const WIDTH = 760;
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const FONT = 'font-family="DejaVu Sans, Arial, sans-serif"';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
    .replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function text(x: number, y: number, s: string, attrs = ''): string {
  const size = attrs.includes('font-size') ? '' : 'font-size="12" ';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${FONT} ` +
    `${size}${attrs}>${esc(s)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number,
  attrs: string): string {
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" ` +
    `x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" ${attrs}/>`;
}

/** About five round tick values from 0 to at least `max`. */
export function ticks(max: number): number[] {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag)
    .find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) {
    out.push(Number(v.toPrecision(10)));
  }
  return out;
}

/** `1 ms` rather than `1.000 ms` on an axis. */
function tickLabel(ns: number): string {
  return ns === 0 ? '0' : formatNs(ns).replace(/\.?0+ /, ' ');
}

interface Panel {
  height: number;
  body: (top: number) => string[];
}

function stripSuite(name: string): string {
  return name.split('/').slice(1).join('/') || name;
}

function sweepPanel(title: string, list: Benchmark[]): Panel {
  const series = new Map<string, { n: number; s: number; lo: number;
    hi: number }[]>();
  for (const b of list) {
    const n = workersOf(b.name);
    if (n === undefined) continue;
    const key = stripSuite(b.name).split('/')
      .filter((p) => !p.startsWith('workers=')).join('/') || 'workers';
    // Each series is measured against its own family's serial variant.
    const ref = speedupReference(b, list);
    if (ref === undefined) continue;
    const base = medianCI(ref.samples).median;
    const ci = medianCI(b.samples);
    const point = {
      n,
      s: base / ci.median,
      // A shorter time is a larger speed-up, so the bounds swap.
      lo: Number.isFinite(ci.hi) ? base / ci.hi : base / ci.median,
      hi: Number.isFinite(ci.lo) ? base / ci.lo : base / ci.median,
    };
    series.set(key, [...(series.get(key) ?? []), point]);
  }
  const all = [...series.values()].flat();
  const maxN = Math.max(1, ...all.map((p) => p.n));
  const yTicks = ticks(Math.max(maxN, ...all.map((p) => p.hi)) * 1.05);
  const yMax = yTicks[yTicks.length - 1]!;
  const x0 = 70;
  const x1 = WIDTH - 200;
  const h = 300;
  return {
    height: h + 90,
    body: (top) => {
      const y0 = top + 40 + h;
      const y1 = top + 40;
      const sx = (n: number): number => x0 + (n / maxN) * (x1 - x0);
      const sy = (s: number): number => y0 - (s / yMax) * (y0 - y1);
      const out = [text(10, top + 22, title, 'font-size="15" ' +
        'font-weight="bold"')];
      for (const t of yTicks) {
        out.push(line(x0, sy(t), x1, sy(t), 'stroke="#e5e5e5"'),
          text(x0 - 8, sy(t) + 4, String(t), 'text-anchor="end"'));
      }
      for (let n = 0; n <= maxN; n++) {
        if (maxN > 16 && n % Math.ceil(maxN / 8) !== 0) continue;
        out.push(text(sx(n), y0 + 18, String(n), 'text-anchor="middle"'));
      }
      out.push(
        line(x0, y0, x1, y0, 'stroke="#333"'),
        line(x0, y0, x0, y1, 'stroke="#333"'),
        text((x0 + x1) / 2, y0 + 38, 'workers', 'text-anchor="middle"'),
        `<text transform="translate(${x0 - 44},${(y0 + y1) / 2}) ` +
          `rotate(-90)" ${FONT} font-size="12" text-anchor="middle">` +
          'speed-up vs serial</text>',
        line(sx(0), sy(0), sx(maxN), sy(maxN),
          'stroke="#999" stroke-dasharray="6 4"'),
        line(x0, sy(1), x1, sy(1), 'stroke="#bbb" stroke-dasharray="2 3"'),
      );
      const legend: [string, string, string][] = [
        ['ideal (y = x)', '#999', '6 4'],
        ['1 = its serial reference', '#bbb', '2 3'],
      ];
      [...series.entries()].forEach(([name, points], i) => {
        const color = COLORS[i % COLORS.length]!;
        const pts = [...points].sort((a, b) => a.n - b.n);
        out.push(`<polyline fill="none" stroke="${color}" ` +
          `stroke-width="2" points="${pts.map((p) =>
            `${sx(p.n).toFixed(1)},${sy(p.s).toFixed(1)}`).join(' ')}"/>`);
        for (const p of pts) {
          out.push(
            line(sx(p.n), sy(p.lo), sx(p.n), sy(p.hi),
              `stroke="${color}" stroke-width="1.5"`),
            `<circle cx="${sx(p.n).toFixed(1)}" cy="${sy(p.s).toFixed(1)}"` +
              ` r="4" fill="${color}"/>`,
          );
        }
        legend.push([name, color, '']);
      });
      legend.forEach(([name, color, dash], i) => {
        const y = y1 + 10 + i * 20;
        out.push(
          line(x1 + 16, y, x1 + 40, y, `stroke="${color}" ` +
            `stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}`),
          text(x1 + 46, y + 4, name.length > 24 ?
            `${name.slice(0, 23)}…` : name),
        );
      });
      return out;
    },
  };
}

function barPanel(title: string, list: Benchmark[]): Panel {
  const rows = list.map((b) => ({ name: stripSuite(b.name),
    ci: medianCI(b.samples), ops: b.ops ?? 1 }));
  const labelW = Math.min(300, 20 + 7 * Math.max(...rows.map((r) =>
    r.name.length)));
  const x0 = labelW;
  const x1 = WIDTH - 110;
  const top0 = 40;
  const barH = 22;
  const gap = 10;
  const max = Math.max(...rows.map((r) => Number.isFinite(r.ci.hi) ?
    r.ci.hi : r.ci.median));
  const xTicks = ticks(max * 1.05);
  const xMax = xTicks[xTicks.length - 1]!;
  const plotH = rows.length * (barH + gap);
  return {
    height: top0 + plotH + 50,
    body: (top) => {
      const sx = (v: number): number => x0 + (v / xMax) * (x1 - x0);
      const yTop = top + top0;
      const out = [text(10, top + 22, title, 'font-size="15" ' +
        'font-weight="bold"')];
      for (const t of xTicks) {
        out.push(line(sx(t), yTop, sx(t), yTop + plotH, 'stroke="#e5e5e5"'),
          text(sx(t), yTop + plotH + 16, tickLabel(t),
            'text-anchor="middle" font-size="10"'));
      }
      rows.forEach((r, i) => {
        const y = yTop + i * (barH + gap) + gap / 2;
        const color = COLORS[i % COLORS.length]!;
        const unit = r.ops === 1 ? '' : '/op';
        out.push(
          text(x0 - 8, y + barH / 2 + 4, r.name, 'text-anchor="end"'),
          `<rect x="${x0}" y="${y.toFixed(1)}" width="${
            (sx(r.ci.median) - x0).toFixed(1)}" height="${barH}" ` +
            `fill="${color}" fill-opacity="0.85"/>`,
        );
        if (Number.isFinite(r.ci.lo) && Number.isFinite(r.ci.hi)) {
          const cy = y + barH / 2;
          out.push(
            line(sx(r.ci.lo), cy, sx(r.ci.hi), cy, 'stroke="#222"'),
            line(sx(r.ci.lo), cy - 5, sx(r.ci.lo), cy + 5, 'stroke="#222"'),
            line(sx(r.ci.hi), cy - 5, sx(r.ci.hi), cy + 5, 'stroke="#222"'),
          );
        }
        const end = Number.isFinite(r.ci.hi) ? r.ci.hi : r.ci.median;
        out.push(text(sx(end) + 6, y + barH / 2 + 4,
          `${formatNs(r.ci.median)}${unit}`, 'font-size="11"'));
      });
      out.push(line(x0, yTop, x0, yTop + plotH, 'stroke="#333"'),
        text((x0 + x1) / 2, yTop + plotH + 34,
          'median time per run, or per op where marked (whiskers: 95% CI)',
          'text-anchor="middle" font-size="11"'));
      return out;
    },
  };
}

/** One SVG with a panel per suite of the file. */
export function plotSvg(file: ResultFile): string {
  const suites = new Map<string, Benchmark[]>();
  for (const b of file.benchmarks) {
    const name = b.name.split('/')[0]!;
    suites.set(name, [...(suites.get(name) ?? []), b]);
  }
  const panels: Panel[] = [];
  for (const [name, list] of suites) {
    const recipe = effectiveConfig(file, list[0]!)['recipe'];
    const title = recipe ? `${name} (${recipe})` : name;
    const sweep = list.some((b) => workersOf(b.name) !== undefined);
    panels.push(sweep ? sweepPanel(title, list) : barPanel(title, list));
  }
  const c = file.config;
  const footer = [c['node'] && `node ${c['node']}`, c['cpu'],
    c['cores'] && `${c['cores']} cores`, c['commit'] && `commit ${c['commit']}`]
    .filter(Boolean).join(' · ');
  const height = panels.reduce((h, p) => h + p.height, 0) + 30;
  const parts: string[] = [];
  let top = 0;
  for (const p of panels) {
    parts.push(...p.body(top));
    top += p.height;
  }
  parts.push(text(10, height - 10, footer, 'font-size="10" fill="#666"'));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" ` +
      `height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
