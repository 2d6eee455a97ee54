/**
 * Structural checks on every recipe: the contract that makes the catalogue,
 * the runner and the output tests work. Returns problems as lines.
 */
import { existsSync } from 'node:fs';
import { loadUnion } from './catalogue.ts';
import { KNOWN_NEEDS } from './needs.ts';
import type { Recipe } from './recipes.ts';
const MAX_COLUMNS = 80;

export function checkRecipe(recipe: Recipe, unionIds: Set<string>): string[] {
  const problems: string[] = [];
  const say = (what: string): void => {
    problems.push(`${recipe.file}: ${what}`);
  };
  const h = recipe.header;
  if (!h) {
    say('no header (a /** … */ block at the top)');
    return problems;
  }
  if (!h.title) say('header has no title line');
  if (h.book.length === 0) say('header has no @book');
  if (!/^\s*\*\s*@covers\b/m.test(recipe.source)) {
    say('header has no @covers (write "@covers none" beyond the books)');
  }
  for (const id of h.covers) {
    if (id !== 'none' && !unionIds.has(id)) say(`@covers ${id}: no such id`);
  }
  const run = `npm run recipe -- ${recipe.id}`;
  if (h.run !== run) say(`@run should be "${run}", is "${h.run}"`);
  for (const need of h.needs) {
    if (!KNOWN_NEEDS.has(need)) say(`@needs ${need}: unknown`);
  }
  if (h.timeoutMs !== undefined && !(h.timeoutMs > 0)) {
    say('@timeout must be a positive number of milliseconds');
  }
  if (!/^export (async )?function main\(/m.test(recipe.source)) {
    say('does not export function main()');
  }
  if (!recipe.output) say('no // Output: or // Unordered output: block');
  if (!existsSync(recipe.absFile.replace(/\.ts$/, '.test.ts'))) {
    say('has no .test.ts twin');
  }
  recipe.source.split('\n').forEach((line, i) => {
    if (line.length > MAX_COLUMNS) {
      say(`line ${i + 1} is ${line.length} columns (max ${MAX_COLUMNS})`);
    }
  });
  return problems;
}

export function checkRecipes(recipes: Recipe[]): string[] {
  const unionIds = new Set(loadUnion().map((u) => u.id));
  const problems = recipes.flatMap((r) => checkRecipe(r, unionIds));
  const seen = new Map<string, string>();
  for (const r of recipes) {
    const other = seen.get(r.id);
    if (other) problems.push(`${r.file}: id ${r.id} repeats ${other}`);
    seen.set(r.id, r.file);
  }
  return problems;
}
