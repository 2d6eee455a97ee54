/** `tsx scripts/check-recipes.ts`: prints contract problems, exit 1 if any. */
import { checkRecipes } from './lib/check.ts';
import { loadRecipes } from './lib/recipes.ts';

const problems = checkRecipes(loadRecipes());
for (const p of problems) console.error(p);
console.log(problems.length === 0 ? 'all recipes follow the contract'
  : `${problems.length} problem(s)`);
process.exitCode = problems.length === 0 ? 0 : 1;
