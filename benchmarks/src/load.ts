/**
 * From bench files to suites, and from suite results to a result file.
 */
import { pathToFileURL } from 'node:url';
import { normalize, type Benchmark, type Config, type ResultFile }
  from './format.ts';
import type { SuiteResult } from './runner.ts';
import { Suite } from './suite.ts';

function isSuite(x: unknown): x is Suite {
  if (x instanceof Suite) return true;
  // A second copy of this module (another resolution path) makes
  // `instanceof` fail; the shape is what matters.
  const s = x as Partial<Suite> | null;
  return (
    typeof s === 'object' && s !== null &&
    typeof s.name === 'string' && Array.isArray(s.variants)
  );
}

/** The suites a bench file's default export declares. */
export async function loadSuites(file: string): Promise<Suite[]> {
  const mod = (await import(pathToFileURL(file).href)) as {
    default?: unknown;
  };
  const exported = mod.default;
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0 || !list.every(isSuite)) {
    throw new Error(
      `${file}: the default export must be a suite(...) or an array of them`,
    );
  }
  return list;
}

/** Every variant that ran becomes a benchmark `Suite/variant`. */
export function toResultFile(
  results: SuiteResult[],
  config: Config,
): ResultFile {
  const benchmarks: Benchmark[] = [];
  for (const suite of results) {
    const own: Config = { ...suite.meta };
    if (suite.recipe !== undefined) own['recipe'] = suite.recipe;
    for (const v of suite.variants) {
      if (v.skipped !== undefined || v.samples.length === 0) continue;
      const b: Benchmark = {
        name: `${suite.name}/${v.name}`,
        unit: 'ns/op',
        samples: v.samples,
        config: own,
      };
      if (v.ops !== 1) b.ops = v.ops;
      benchmarks.push(b);
    }
  }
  // Recipe and meta lines that every suite shares become file-level.
  const merged = normalize({ config: {}, benchmarks });
  return {
    config: { ...config, ...merged.config },
    benchmarks: merged.benchmarks,
  };
}
