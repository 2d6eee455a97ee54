/**
 * npm run bench -- <recipe id | chapter | all> [--runs N] [--label L]
 * [--json FILE]: runs benchmark suites, prints a table per suite and
 * writes bench-results/<label>.txt (Go benchmark format). See
 * benchmarks/README.md.
 */
import { benchMain } from '../benchmarks/src/cli.ts';

// Exit explicitly: a bench that leaks a handle must not hang the run.
process.exit(await benchMain(process.argv.slice(2)));
