/**
 * The input of distributed/word-count: text generated from a seed over
 * our own small word list (no licence needed), so every run counts the
 * same words. Word i is drawn with weight 1/(i+1), Zipf-like, as in
 * real text.
 */
import { randomInts } from '@cookbook/shared';

export const WORDS_PER_LINE = 12;

const VOCABULARY = ('the of and to a in that it was he for on as with his ' +
  'she at by had not be this but from or have an they which one you were ' +
  'her all there we been if more when will would who so no stove samovar ' +
  'steppe doctor garden letter village').split(' ');

// `lines` lines of WORDS_PER_LINE words each, the same for the same seed.
export function generateText(lines: number, seed = 5): string[] {
  const weights = VOCABULARY.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const draws = randomInts(lines * WORDS_PER_LINE, 1_000_000, seed);
  // Walk the cumulative weights to the first one above the draw.
  const pick = (u: number): string => {
    let acc = 0;
    for (const [i, w] of weights.entries()) {
      acc += w / total;
      if (u <= acc) return VOCABULARY[i]!;
    }
    return VOCABULARY.at(-1)!;
  };
  return Array.from({ length: lines }, (_, l) => draws
    .slice(l * WORDS_PER_LINE, (l + 1) * WORDS_PER_LINE)
    .map((d) => pick(d / 1_000_000)).join(' '));
}
