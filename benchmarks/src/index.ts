/**
 * @cookbook/bench: the benchmark harness every chapter's `*.bench.ts`
 * uses. See benchmarks/README.md for the workflow.
 */
export {
  isSmoke,
  smokeSize,
  suite,
  Suite,
  workersOf,
  type MetaRecord,
  type PeerOptions,
  type SuiteOptions,
  type Variant,
  type VariantOptions,
} from './suite.ts';
export {
  BenchError,
  jsonable,
  runSuite,
  runsFor,
  type Progress,
  type RunOptions,
  type SuiteResult,
  type VariantResult,
} from './runner.ts';
export {
  geomean,
  mannWhitneyU,
  median,
  medianCI,
  pctRange,
  quantileCI,
  samplesForCI,
  samplesForUTest,
  type MedianSummary,
  type UTestResult,
} from './stats.ts';
export {
  effectiveConfig,
  normalize,
  parseGo,
  parseJson,
  parseResults,
  readResults,
  writeGo,
  writeJson,
  type Benchmark,
  type Config,
  type ResultFile,
} from './format.ts';
export { compare, type CompareOptions, type LabeledFile } from './compare.ts';
export { loadSuites, toResultFile } from './load.ts';
export { machineConfig, commitLabel, MACHINE_KEYS } from './env.ts';
export { suiteTable } from './report.ts';
export { plotSvg } from './plot.ts';
