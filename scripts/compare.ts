/**
 * npm run bench:compare -- old new [--col /impl]
 * [--fail-on-regression PCT]: benchstat-style comparison of result
 * files (Go format or JSON). See benchmarks/README.md.
 */
import { compareMain } from '../benchmarks/src/cli.ts';

process.exitCode = compareMain(process.argv.slice(2));
