/**
 * `npm run recipe -- <id>`: runs a recipe as a reader would.
 *
 *   npm run recipe -- threads/lock      id, name (lock), its start, or path
 *   npm run recipe -- --list [--json]   the catalogue
 *   npm run recipe -- --list --chapter threads   one chapter
 *   npm run recipe -- --list --book z2  one book, in the book's order
 *   npm run recipe -- --chapter threads every recipe of a chapter, in order
 */
import { parseArgs } from 'node:util';
import { loadUnion } from './lib/catalogue.ts';
import {
  BOOK_KEYS,
  bookRows,
  loadBooks,
  sectionLabel,
  type BookKey,
} from './lib/books.ts';
import { launch, REPORTED, SIGNAL_CODES } from './lib/launch.ts';
import {
  loadRecipes,
  resolveRecipe,
  timeoutOf,
  type Recipe,
} from './lib/recipes.ts';

const USAGE = `usage: npm run recipe -- <id | name | path> [--timeout MS]
       npm run recipe -- --list [--chapter <slug> | --book z1|z2|dc] [--json]
       npm run recipe -- --chapter <slug> [--timeout MS]`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

// Bad flags get the usage line and exit 2, never a stack trace.
let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      list: { type: 'boolean' },
      json: { type: 'boolean' },
      chapter: { type: 'string' },
      book: { type: 'string' },
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

// COOKBOOK_RECIPES_DIR points the runner at another tree (its tests use
// fixtures there); readers never need it.
const recipes = loadRecipes(process.env['COOKBOOK_RECIPES_DIR'] || undefined);
const timeoutFlag = values.timeout === undefined ? undefined
  : Number(values.timeout);
if (timeoutFlag !== undefined && !(timeoutFlag > 0)) {
  fail(`--timeout must be a positive number of milliseconds\n${USAGE}`);
}

/** The recipes of one chapter (`threads` or `01-threads`), or exit 2. */
function chapterRecipes(slug: string): Recipe[] {
  const chosen = recipes.filter((r) => r.chapter === slug ||
    r.chapterDir === slug);
  if (chosen.length === 0) {
    const chapters = [...new Set(recipes.map((r) => r.chapter))];
    fail(`unknown chapter '${slug}'; chapters: ${chapters.join(', ')}`);
  }
  return chosen;
}

// `npm run recipe -- --list | head` closes our stdout early: that is a
// reader's choice, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

function list(chosen: Recipe[]): void {
  if (values.json) {
    const rows = chosen.map((r) => ({
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
  const width = Math.max(...chosen.map((r) => r.id.length), 2);
  for (const r of chosen) {
    const book = r.header?.book[0] ?? '';
    console.log(`${r.id.padEnd(width)}  ${r.header?.title ?? ''}`);
    if (book) console.log(`${''.padEnd(width)}  ${book}`);
  }
}

// One book, in its own order: section → recipe ids, or why there is none.
function listBook(name: string): void {
  const key = name.toUpperCase() as BookKey;
  if (!BOOK_KEYS.includes(key)) {
    fail(`unknown book '${name}'; books: z1, z2, dc`);
  }
  const rows = bookRows(key, loadBooks(), loadUnion(), recipes);
  if (values.json) {
    console.log(JSON.stringify(rows.map((r) => ({
      section: r.section.ref,
      title: sectionLabel(r.section),
      chapter: r.chapter.number,
      recipes: r.recipes.map((x) => x.id),
      status: r.status || 'ported',
    })), null, 2));
    return;
  }
  let chapter = -1;
  for (const row of rows) {
    if (row.chapter.number !== chapter) {
      chapter = row.chapter.number;
      console.log(`\nChapter ${chapter}: ${row.chapter.title}`);
    }
    const ids = row.recipes.map((r) => r.id).join(', ') || row.status;
    console.log(`  ${row.section.ref.padEnd(8)} ` +
      `${sectionLabel(row.section)}\n  ${''.padEnd(8)} → ${ids}`);
  }
}

// npm and `sh -c` stand between a reader's shell and this runner, and
// `kill -TERM <npm>` ends npm without passing the signal on: we would be
// orphaned and run on. Losing our parent counts as a hang-up.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) process.kill(process.pid, 'SIGHUP');
}, 250).unref();

async function runOne(recipe: Recipe): Promise<number> {
  const timeoutMs = timeoutFlag ?? timeoutOf(recipe);
  const outcome = await launch(recipe, { timeoutMs, stdio: 'inherit' });
  if (outcome.stoppedBy) {
    console.error(`${recipe.id}: stopped by ${outcome.stoppedBy}, ` +
      'with every process it started');
    process.exit(SIGNAL_CODES[outcome.stoppedBy] ?? 1);
  }
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
  const chosen = chapterRecipes(slug);
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
  if (positionals.length > 0 || (values.chapter && values.book)) fail(USAGE);
  if (values.book !== undefined) listBook(values.book);
  else list(values.chapter ? chapterRecipes(values.chapter) : recipes);
} else if (values.chapter !== undefined) {
  if (positionals.length > 0 || values.book) fail(USAGE);
  process.exitCode = await runChapter(values.chapter);
} else {
  if (positionals.length !== 1 || values.json || values.book) fail(USAGE);
  const query = positionals[0]!;
  const found = resolveRecipe(query, recipes);
  if (found.kind === 'unknown') {
    fail(`unknown recipe '${query}'; did you mean: ` +
      `${found.suggestions.join(', ')}?`);
  }
  if (found.kind === 'ambiguous') {
    fail(`ambiguous recipe '${query}': ` +
      `${found.matches.map((r) => r.id).join(', ')}`);
  }
  process.exitCode = await runOne(found.recipe);
}
