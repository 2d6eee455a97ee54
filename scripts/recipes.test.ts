/**
 * The output suite: every recipe runs as a reader runs it (its own
 * process) and must print exactly its `// Output:` block and exit 0. On a
 * mismatch the actual output is written next to the recipe as
 * `NN-name.got-output.txt` (gitignored), so the fix is a copy.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { launch } from './lib/launch.ts';
import { diffOutput } from './lib/output.ts';
import { loadRecipes, timeoutOf } from './lib/recipes.ts';
import { missingNeeds } from './lib/needs.ts';

const recipes = loadRecipes();

describe.concurrent('recipe output', () => {
  for (const recipe of recipes) {
    const missing = missingNeeds(recipe.header?.needs ?? []);
    const name = missing
      ? `${recipe.id} (skipped: ${missing})` : recipe.id;
    const timeoutMs = timeoutOf(recipe);
    test.skipIf(missing !== undefined)(name, async () => {
      const gotFile = recipe.absFile.replace(/\.ts$/, '.got-output.txt');
      // A failure shows its whole stack here, not the reader's one line.
      const env = { ...process.env, COOKBOOK_STACK: '1' };
      const outcome = await launch(recipe, { timeoutMs, stdio: 'pipe', env });
      expect(outcome.timedOut, `timed out after ${timeoutMs} ms`).toBe(false);
      expect(outcome.code, `exit code; stderr:\n${outcome.stderr}`).toBe(0);
      const diff = recipe.output
        ? diffOutput(recipe.output, outcome.stdout) : 'no Output block';
      if (diff) writeFileSync(gotFile, outcome.stdout);
      else rmSync(gotFile, { force: true });
      expect(diff, `${recipe.file}: see ${gotFile}`).toBeUndefined();
    }, timeoutMs + 5_000);
  }
});
