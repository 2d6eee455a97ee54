/**
 * npm run bench:plot -- FILE: writes FILE.svg beside a result file
 * (speed-up vs workers, or bars with 95% CI). See benchmarks/README.md.
 */
import { plotMain } from '../benchmarks/src/cli.ts';

process.exitCode = plotMain(process.argv.slice(2));
