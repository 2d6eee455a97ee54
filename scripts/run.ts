/**
 * `npm run recipe -- <id>`: runs a recipe as a reader would.
 *
 *   npm run recipe -- threads/lock      id, unique suffix (lock) or path
 *   npm run recipe -- --list [--json]   the catalogue
 *   npm run recipe -- --chapter threads every recipe of a chapter, in order
 */
import { parseArgs } from 'node:util';
import { launch, REPORTED } from './lib/launch.ts';
import {
  loadRecipes,
  resolveRecipe,
  timeoutOf,
  type Recipe,
} from './lib/recipes.ts';

const USAGE = `usage: npm run recipe -- <id | suffix | path> [--timeout MS]
       npm run recipe -- --list [--json]
       npm run recipe -- --chapter <slug> [--timeout MS]`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      list: { type: 'boolean' },
      json: { type: 'boolean' },
      chapter: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const recipes = loadRecipes();
const timeoutFlag = values.timeout === undefined ? undefined
  : Number(values.timeout);
if (timeoutFlag !== undefined && !(timeoutFlag > 0)) {
  fail(`--timeout must be a positive number of milliseconds\n${USAGE}`);
}

function list(): void {
  if (values.json) {
    const rows = recipes.map((r) => ({
      id: r.id,
      title: r.header?.title ?? '',
      file: r.file,
      chapter: r.chapter,
      book: r.header?.book ?? [],
      covers: r.header?.covers ?? [],
      needs: r.header?.needs ?? [],
    }));
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  const width = Math.max(...recipes.map((r) => r.id.length), 2);
  for (const r of recipes) {
    const book = r.header?.book[0] ?? '';
    console.log(`${r.id.padEnd(width)}  ${r.header?.title ?? ''}`);
    if (book) console.log(`${''.padEnd(width)}  ${book}`);
  }
}

async function runOne(recipe: Recipe): Promise<number> {
  const timeoutMs = timeoutFlag ?? timeoutOf(recipe);
  const outcome = await launch(recipe, { timeoutMs, stdio: 'inherit' });
  if (outcome.timedOut) {
    console.error(`${recipe.id}: killed after ${timeoutMs} ms (timeout), ` +
      'with every process it started');
  } else if (outcome.code === REPORTED) {
    return 1; // the recipe already said why, in one line
  } else if (outcome.code !== 0) {
    console.error(`${recipe.id}: exited with code ${outcome.code}`);
  }
  return outcome.code;
}

async function runChapter(slug: string): Promise<number> {
  const chosen = recipes.filter((r) => r.chapter === slug ||
    r.chapterDir === slug);
  if (chosen.length === 0) {
    const chapters = [...new Set(recipes.map((r) => r.chapter))];
    fail(`unknown chapter '${slug}'; chapters: ${chapters.join(', ')}`);
  }
  const failed: string[] = [];
  for (const recipe of chosen) {
    console.log(`\n── ${recipe.id} ──`);
    if ((await runOne(recipe)) !== 0) failed.push(recipe.id);
  }
  console.log(`\n${chosen.length - failed.length} of ${chosen.length} ` +
    `recipes ran cleanly${failed.length ? `; failed: ${failed.join(', ')}`
      : ''}`);
  return failed.length === 0 ? 0 : 1;
}

if (values.list) {
  if (positionals.length > 0 || values.chapter) fail(USAGE);
  list();
} else if (values.chapter !== undefined) {
  if (positionals.length > 0) fail(USAGE);
  process.exitCode = await runChapter(values.chapter);
} else {
  if (positionals.length !== 1 || values.json) fail(USAGE);
  const query = positionals[0]!;
  const found = resolveRecipe(query, recipes);
  if (found.kind === 'unknown') {
    fail(`unknown recipe '${query}'; did you mean: ` +
      `${found.suggestions.join(', ')}?`);
  }
  if (found.kind === 'ambiguous') {
    fail(`recipe '${query}' is ambiguous: ` +
      `${found.matches.map((r) => r.id).join(', ')}`);
  }
  process.exitCode = await runOne(found.recipe);
}
