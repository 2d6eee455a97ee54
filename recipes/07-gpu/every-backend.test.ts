/**
 * Builds every gpu.js kernel of the chapter on every backend that can run
 * here, and checks each answer against its float64 reference (the
 * recipes' own Result checks, with the tolerances stated there).
 * Mesa gives one process either headless-gl's GLX or Dawn's EGL, so this
 * file takes webgpu, unless COOKBOOK_GPU_BACKEND=headlessgl asks for
 * headless-gl instead (the xvfb-run lane).
 */
import { describe, expect, test } from 'vitest';
import { ENV, KERNEL_CLASS, probe, type Backend } from './backends.ts';
import { main as doubleMatrix } from './02-double-matrix.ts';
import { main as matmul } from './03-matmul.ts';
import { main as pipeline } from './04-pipeline.ts';
import { main as linear } from './05-linear-combination.ts';
import { main as dot } from './06-dot-product.ts';
import { main as gufunc } from './07-gufunc-matmul.ts';
import { main as reduce } from './10-reduce-sum.ts';
import { main as elementwise } from './13-elementwise-sum.ts';

const device: Backend = process.env[ENV] === 'headlessgl' ? 'headlessgl'
  : 'webgpu';
const candidates: Backend[] = ['cpu', 'webasm', device];
const available: Backend[] = [];
for (const b of candidates) if (!(await probe(b)).missing) available.push(b);

describe.each(available)('on %s', (backend) => {
  const cls = KERNEL_CLASS[backend];
  test('G2 doubles exactly', async () => {
    const r = await doubleMatrix(backend);
    expect([r.ranOn, r.error]).toEqual([cls, 0]);
  });
  test('G3 matmul within f32 tolerance', async () => {
    const r = await matmul(backend);
    expect(r.ranOn).toBe(cls);
    expect(r.error).toBeLessThanOrEqual(r.tolerance);
  });
  test('G4 pipeline 2a and 2a + a', async () => {
    const r = await pipeline(backend);
    expect(r.ranOn).toBe(cls);
    r.original.forEach((row, i) => row.forEach((v, j) => {
      expect(r.tripled[i]![j]).toBe(Math.fround(3 * v));
    }));
  });
  test('G5 linear combination within f32 tolerance', async () => {
    const r = await linear(backend);
    expect(r.ranOn).toBe(cls);
    expect(r.error).toBeLessThanOrEqual(r.tolerance);
  });
  test('G6 dot product exact', async () => {
    const r = await dot(backend);
    expect([r.ranOn, r.dot]).toEqual([cls, r.expected]);
  });
  test('G7 gufunc matmul exact', async () => {
    const r = await gufunc(backend);
    expect([r.ranOn, r.exact]).toEqual([cls, true]);
  });
  test('G10 tree reduction 50005000', async () => {
    const r = await reduce(backend);
    expect([r.ranOn, r.tree]).toEqual([cls, 50_005_000]);
  });
  test('G13 element-wise sum exact', async () => {
    const r = await elementwise(backend);
    expect(r.ranOn).toBe(cls);
    expect([...r.c]).toEqual([...r.a].map((v, i) => v + r.b[i]!));
  });
});

test('cpu and webasm are always among the backends tried', () => {
  expect(available.slice(0, 2)).toEqual(['cpu', 'webasm']);
});
