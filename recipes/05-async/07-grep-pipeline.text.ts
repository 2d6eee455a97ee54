/**
 * The text of async/grep-pipeline and async/fanout (not a recipe itself):
 * we cannot download *War and Peace*, so we generate seeded filler of the
 * same length with the book's words planted the number of times the book
 * counts them, in mixed case.
 */
import { randomInts } from '@cookbook/shared';

// The size of War and Peace (pg2600.txt), and the book's counts.
const LINES = 65_000;
const WORDS_PER_LINE = 10;
export const PLANTED: Record<string, number> = {
  love: 677, hate: 103, hope: 158,
};
const SEED = 2600;

// Filler words, none of which contains love, hate or hope.
const FILLER = ('the and of to a his in with that he was her it had not '
  + 'prince said at which as on for but is she you him all Pierre Natasha '
  + 'Andrew old by this from army French Moscow war peace count princess')
  .split(' ');

/** The text: seeded filler, with each planted word put in its place. */
export function makeText(): string[] {
  // Ten seeded filler words per line.
  const picks = randomInts(LINES * WORDS_PER_LINE, FILLER.length - 1, SEED);
  const lines = Array.from({ length: LINES }, (_, i) => picks
    .slice(i * WORDS_PER_LINE, (i + 1) * WORDS_PER_LINE)
    .map((p) => FILLER[p]!));
  // Then each planted word, in three spellings, on seeded lines.
  let seed = SEED;
  for (const [word, times] of Object.entries(PLANTED)) {
    const where = randomInts(times, LINES - 1, ++seed);
    const forms = [word, word[0]!.toUpperCase() + word.slice(1),
      word.toUpperCase()];
    where.forEach((line, i) => lines[line]!.push(forms[i % 3]!));
  }
  return lines.map((words) => words.join(' '));
}
