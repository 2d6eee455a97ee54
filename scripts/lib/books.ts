/**
 * One page per book: a reader holds one book, not the union catalogue.
 * `docs/books.json` lists each book's chapters and sections in the book's
 * own order (titles as printed); the union ids of `docs/book-union.json`
 * name their sources (`Z1-2.3, Z2-2.3`), and the recipe headers' `@covers`
 * name union ids. Joining the three gives, for every section of a book,
 * the recipes that port it, "not yet", or "not portable" with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Recipe } from './recipes.ts';
import type { UnionEntry } from './catalogue.ts';

export const BOOK_KEYS = ['Z1', 'Z2', 'DC'] as const;
export type BookKey = (typeof BOOK_KEYS)[number];

export interface BookSection {
  ref: string;
  /** The section heading as printed (DC: the section holding the example). */
  title: string;
  /** DC only: the code example inside the section. */
  example?: string;
  /** Sub-parts named separately by the union catalogue (`Z1-3.7a`). */
  parts?: string[];
}

export interface BookChapter {
  number: number;
  title: string;
  sections: BookSection[];
}

export interface Book {
  title: string;
  chapters: BookChapter[];
}

export function loadBooks(): Record<BookKey, Book> {
  const file = join(ROOT, 'docs', 'books.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as {
    books: Record<BookKey, Book>;
  }).books;
}

/** What a reader finds for one section of a book. */
export interface SectionRow {
  chapter: BookChapter;
  section: BookSection;
  /** Union ids whose sources name this section. */
  unionIds: string[];
  /** Recipes whose `@covers` name one of those ids, in catalogue order. */
  recipes: Recipe[];
  /** "not yet", "not portable: …" or "no code in the book"; empty if ported. */
  status: string;
}

/** `Z1-3.7a, Z2-6.4b (x)` → the section refs it names. */
function sourceRefs(sources: string): string[] {
  return [...sources.matchAll(/\b(?:Z1|Z2|DC)-[0-9]+(?:\.[0-9a-z]+)?/g)]
    .map((m) => m[0]);
}

/** Every section of one book, with the recipes that port it. */
export function bookRows(
  key: BookKey,
  books: Record<BookKey, Book>,
  union: UnionEntry[],
  recipes: Recipe[],
): SectionRow[] {
  const rows: SectionRow[] = [];
  for (const chapter of books[key].chapters) {
    for (const section of chapter.sections) {
      const refs = new Set([section.ref, ...(section.parts ?? [])]);
      // A union source such as `Z2-6.4a` names part a of section Z2-6.4.
      const names = (ref: string): boolean =>
        refs.has(ref) || refs.has(ref.replace(/[a-z]$/, ''));
      const entries = union.filter((u) => sourceRefs(u.sources).some(names));
      const ids = new Set(entries.map((u) => u.id));
      const ported = recipes.filter((r) =>
        (r.header?.covers ?? []).some((id) => ids.has(id)));
      const notPortable = entries.find((u) => u.notPortable)?.notPortable;
      const status = ported.length > 0 ? ''
        : notPortable ?? (entries.length > 0 ? 'not yet'
          : 'no code in the book');
      rows.push({
        chapter, section, unionIds: [...ids], recipes: ported, status,
      });
    }
  }
  return rows;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The heading a reader looks for: the section, and DC's example in it. */
export function sectionLabel(section: BookSection): string {
  if (section.example === undefined) return section.title;
  return section.title ? `${section.title} › ${section.example}`
    : section.example;
}

/** `docs/<KEY>.md`: the book's chapters in order, each section's port. */
export function renderBookPage(
  key: BookKey,
  books: Record<BookKey, Book>,
  union: UnionEntry[],
  recipes: Recipe[],
  generatedNote: string,
): string {
  const rows = bookRows(key, books, union, recipes);
  const done = rows.filter((r) => r.recipes.length > 0).length;
  const parts = [
    `# ${key}: *${books[key].title}*`,
    '',
    generatedNote,
    '',
    `Every section of the book that has code, in the book's order, with ` +
      `the recipe that ports it. ${done} of ${rows.length} sections ` +
      'ported. The other books: ' +
      BOOK_KEYS.filter((k) => k !== key)
        .map((k) => `[${k}](${k}.md)`).join(', ') +
      '; every union id: [BOOK-MAP.md](BOOK-MAP.md). In a terminal: ' +
      `\`npm run recipe -- --list --book ${key.toLowerCase()}\`.`,
  ];
  for (const chapter of books[key].chapters) {
    parts.push('', `## Chapter ${chapter.number}: ${chapter.title}`, '');
    const mine = rows.filter((r) => r.chapter === chapter);
    if (mine.length === 0) {
      parts.push('Prose only: no code to port.');
      continue;
    }
    parts.push('| section | as printed | recipe | run |',
      '| --- | --- | --- | --- |');
    for (const row of mine) {
      const recipe = row.recipes.length === 0
        ? `${row.status}${row.unionIds.length ? ` (${row.unionIds.join(', ')})`
          : ''}`
        : row.recipes.map((r) => `[\`${r.id}\`](../${r.file})`).join('<br>');
      const run = row.recipes
        .map((r) => `\`npm run recipe -- ${r.id}\``).join('<br>');
      parts.push(`| ${row.section.ref} | ${cell(sectionLabel(row.section))} ` +
        `| ${recipe} | ${run} |`);
    }
  }
  return `${parts.join('\n')}\n`;
}
