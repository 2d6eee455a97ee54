/**
 * `npm run catalogue`: regenerates CATALOGUE.md, docs/BOOK-MAP.md and the
 * recipe list in each chapter README from the recipe headers.
 * Without `--write` it only reports which files are stale (exit 1).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from './lib/catalogue.ts';
import { loadRecipes, ROOT } from './lib/recipes.ts';

const write = process.argv.includes('--write');
const stale: string[] = [];
for (const [path, content] of generatedFiles(loadRecipes())) {
  const abs = join(ROOT, path);
  const current = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
  if (current === content) continue;
  stale.push(path);
  if (write) writeFileSync(abs, content);
}
if (write) {
  console.log(stale.length ? `wrote ${stale.join(', ')}` : 'up to date');
} else if (stale.length > 0) {
  console.error(`stale: ${stale.join(', ')} (run npm run catalogue)`);
  process.exitCode = 1;
} else {
  console.log('up to date');
}
