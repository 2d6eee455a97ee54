/**
 * The recipe catalogue, discovered from files: every
 * `recipes/NN-chapter/NN-name.ts` (not a test, bench or task twin) is a
 * recipe, and its first JSDoc block is its header. Headers are read as text,
 * never imported, so listing recipes runs no recipe code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RECIPES_DIR = join(ROOT, 'recipes');

export interface Header {
  title: string;
  /** Book references, one per `@book` tag. */
  book: string[];
  python: string[];
  covers: string[];
  run: string;
  see: string[];
  needs: string[];
  timeoutMs: number | undefined;
  prose: string;
}

export interface OutputBlock {
  unordered: boolean;
  lines: string[];
}

export interface Recipe {
  id: string;
  chapter: string;
  /** Folder name, e.g. `01-threads`. */
  chapterDir: string;
  name: string;
  /** Path relative to the repository root. */
  file: string;
  absFile: string;
  header: Header | undefined;
  output: OutputBlock | undefined;
  source: string;
}

const RECIPE_FILE = /^\d\d-[a-z0-9-]+\.ts$/;
const TWIN = /\.(test|bench|task|worker|d)\.ts$/;
const DEFAULT_TIMEOUT_MS = 30_000;

export function stripPrefix(name: string): string {
  return name.replace(/^\d\d-/, '').replace(/\.ts$/, '');
}

/** Every recipe, in chapter then file order. */
export function loadRecipes(dir: string = RECIPES_DIR): Recipe[] {
  if (!existsSync(dir)) return [];
  const recipes: Recipe[] = [];
  const chapters = readdirSync(dir).filter((d) => /^\d\d-/.test(d)).sort();
  for (const chapterDir of chapters) {
    const files = readdirSync(join(dir, chapterDir))
      .filter((f) => RECIPE_FILE.test(f) && !TWIN.test(f))
      .sort();
    for (const fileName of files) {
      const absFile = join(dir, chapterDir, fileName);
      const source = readFileSync(absFile, 'utf8');
      const chapter = stripPrefix(chapterDir);
      const name = stripPrefix(fileName);
      recipes.push({
        id: `${chapter}/${name}`,
        chapter,
        chapterDir,
        name,
        file: relative(ROOT, absFile),
        absFile,
        header: parseHeader(source),
        output: parseOutput(source),
        source,
      });
    }
  }
  return recipes;
}

/** Reads the first `/** … *\/` block; undefined when there is none. */
export function parseHeader(source: string): Header | undefined {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match?.[1]) return undefined;
  const lines = match[1]
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, '').trimEnd());
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  const title = lines.shift()?.trim() ?? '';
  const tags = new Map<string, string[]>();
  const prose: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line.trim());
    if (tag) {
      const list = tags.get(tag[1]!) ?? [];
      list.push(tag[2]!.trim());
      tags.set(tag[1]!, list);
      current = list;
    } else if (current && line.trim() !== '' && /^\s{2,}/.test(line)) {
      // An indented line continues the previous tag's value.
      current[current.length - 1] += ` ${line.trim()}`;
    } else {
      current = undefined;
      prose.push(line);
    }
  }
  const words = (key: string): string[] =>
    (tags.get(key) ?? []).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
  const timeout = tags.get('timeout')?.[0];
  return {
    title,
    book: tags.get('book') ?? [],
    python: words('python'),
    covers: words('covers'),
    run: tags.get('run')?.[0] ?? '',
    see: tags.get('see') ?? [],
    needs: words('needs'),
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
    prose: prose.join('\n').trim(),
  };
}

/** The trailing `// Output:` or `// Unordered output:` block. */
export function parseOutput(source: string): OutputBlock | undefined {
  const lines = source.trimEnd().split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (/^\/\/ (Unordered output|Output):$/.test(line)) {
      start = i;
      break;
    }
    if (!line.startsWith('//')) return undefined;
  }
  if (start < 0) return undefined;
  return {
    unordered: lines[start]!.includes('Unordered'),
    lines: lines.slice(start + 1).map((l) => l.replace(/^\s*\/\/ ?/, '')),
  };
}

export function timeoutOf(recipe: Recipe): number {
  return recipe.header?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(
        above + 1,
        row[j - 1]! + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The `count` ids a reader most likely meant: ids whose name starts with
 * the query first, then ids that contain it, then the rest by edit
 * distance (the best of the whole id and the name after the slash).
 */
export function closest(query: string, ids: string[], count = 3): string[] {
  const name = (id: string): string => id.split('/')[1] ?? id;
  const rank = (id: string): number =>
    name(id).startsWith(query) || id.startsWith(query) ? 0
      : id.includes(query) ? 1 : 2;
  const distanceTo = (id: string): number =>
    Math.min(distance(query, id), distance(query, name(id)));
  return [...ids]
    .sort((a, b) => rank(a) - rank(b) || distanceTo(a) - distanceTo(b))
    .slice(0, count);
}

export type Resolution =
  | { kind: 'found'; recipe: Recipe }
  | { kind: 'ambiguous'; matches: Recipe[] }
  | { kind: 'unknown'; suggestions: string[] };

/**
 * Resolves an id, a file path, or a unique shorthand: the name after the
 * slash (`lock`), or the start of one (`semaph`). A shorthand that fits
 * several recipes is ambiguous, and the reader is shown all of them.
 */
export function resolveRecipe(query: string, recipes: Recipe[]): Resolution {
  const q = query.replace(/\\/g, '/').replace(/^\.\//, '');
  const exact = recipes.find((r) => r.id === q || r.file === q);
  if (exact) return { kind: 'found', recipe: exact };
  const byPath = recipes.filter((r) => r.absFile === join(ROOT, q));
  if (byPath.length === 1) return { kind: 'found', recipe: byPath[0]! };
  const byName = recipes.filter(
    (r) => r.id.endsWith(`/${q}`) || r.name === q,
  );
  if (byName.length === 1) return { kind: 'found', recipe: byName[0]! };
  if (byName.length > 1) return { kind: 'ambiguous', matches: byName };
  const byStart = recipes.filter(
    (r) => r.name.startsWith(q) || r.id.startsWith(q),
  );
  if (byStart.length === 1) return { kind: 'found', recipe: byStart[0]! };
  if (byStart.length > 1) return { kind: 'ambiguous', matches: byStart };
  return {
    kind: 'unknown',
    suggestions: closest(q, recipes.map((r) => r.id)),
  };
}
