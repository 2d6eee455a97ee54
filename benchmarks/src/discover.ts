/**
 * Which bench files a target names. Bench files are found, not listed:
 * `recipes/NN-chapter/NN-name.bench.ts` is the twin of the recipe
 * `NN-name.ts` beside it, and its id is the recipe's (`threads/lock`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  closest,
  loadRecipes,
  resolveRecipe,
  RECIPES_DIR,
  ROOT,
  stripPrefix,
} from '../../scripts/lib/recipes.ts';

export interface BenchFile {
  /** Absolute path. */
  file: string;
  /** The recipe id (`threads/lock`), or the path for other files. */
  recipe: string;
}

export type Target =
  | { kind: 'files'; files: BenchFile[] }
  | { kind: 'error'; message: string };

const BENCH = /^\d\d-[a-z0-9-]+\.bench\.ts$/;

function chapterDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((d) => /^\d\d-/.test(d)).sort();
}

/** The recipe id of a bench file, or its path relative to the root. */
export function benchId(file: string): string {
  const rel = relative(RECIPES_DIR, file).split(/[\\/]/);
  if (rel.length === 2 && !rel[0]!.startsWith('..')) {
    const name = rel[1]!.replace(/\.bench\.ts$/, '');
    return `${stripPrefix(rel[0]!)}/${stripPrefix(name)}`;
  }
  return relative(ROOT, file);
}

export function chapterBenchFiles(
  chapterDir: string,
  dir: string = RECIPES_DIR,
): BenchFile[] {
  return readdirSync(join(dir, chapterDir))
    .filter((f) => BENCH.test(f))
    .sort()
    .map((f) => {
      const file = join(dir, chapterDir, f);
      return { file, recipe: benchId(file) };
    });
}

/** Every `recipes/NN-*\/NN-*.bench.ts`, in chapter and file order. */
export function allBenchFiles(dir: string = RECIPES_DIR): BenchFile[] {
  return chapterDirs(dir).flatMap((c) => chapterBenchFiles(c, dir));
}

/** Resolves `all`, a chapter slug, a recipe id/suffix or a file path. */
export function resolveTarget(target: string): Target {
  if (target === 'all') {
    const files = allBenchFiles();
    if (files.length > 0) return { kind: 'files', files };
    return { kind: 'error', message: 'no recipes/*/*.bench.ts files yet' };
  }
  if (target.endsWith('.bench.ts')) {
    const candidates = isAbsolute(target)
      ? [target]
      : [resolve(target), join(ROOT, target)];
    const file = candidates.find((f) => existsSync(f));
    if (file) {
      return { kind: 'files', files: [{ file, recipe: benchId(file) }] };
    }
    return { kind: 'error', message: `no such bench file: ${target}` };
  }
  const chapters = chapterDirs(RECIPES_DIR);
  const chapter = chapters.find(
    (d) => d === target || stripPrefix(d) === target,
  );
  if (chapter) {
    const files = chapterBenchFiles(chapter);
    if (files.length > 0) return { kind: 'files', files };
    return {
      kind: 'error',
      message: `chapter ${target} has no *.bench.ts files yet`,
    };
  }
  // A bench file of its own (no recipe twin, e.g. threads/startup) is
  // named by its id like a recipe's.
  const own = allBenchFiles().find((f) => f.recipe === target);
  if (own) return { kind: 'files', files: [own] };
  const recipes = loadRecipes();
  const found = resolveRecipe(target, recipes);
  if (found.kind === 'found') {
    const { recipe } = found;
    const file = recipe.absFile.replace(/\.ts$/, '.bench.ts');
    if (existsSync(file)) {
      return { kind: 'files', files: [{ file, recipe: recipe.id }] };
    }
    return {
      kind: 'error',
      message:
        `${recipe.id} has no benchmark ` +
        `(expected ${relative(ROOT, file)})`,
    };
  }
  if (found.kind === 'ambiguous') {
    const ids = found.matches.map((r) => r.id).join(', ');
    return { kind: 'error', message: `'${target}' matches ${ids}` };
  }
  const names = [
    ...recipes.map((r) => r.id),
    ...chapters.map(stripPrefix),
    'all',
  ];
  return {
    kind: 'error',
    message:
      `unknown target '${target}'; did you mean ` +
      `${closest(target, names).join(', ')}?`,
  };
}
