/**
 * Compares a recipe's printed output with its `// Output:` block.
 * `{*}` in an expected line matches any text (pids, times, thread ids);
 * `// Unordered output:` compares the lines as sorted multisets.
 */
import type { OutputBlock } from './recipes.ts';

function lineMatcher(expected: string): RegExp {
  const parts = expected.split('{*}').map((p) =>
    p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*?')}$`);
}

export function normalise(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Undefined when the output matches, else a short diff for humans. */
export function diffOutput(
  block: OutputBlock,
  actualText: string,
): string | undefined {
  let expected = block.lines.map((l) => l.trimEnd());
  while (expected.length > 0 && expected[expected.length - 1] === '') {
    expected.pop();
  }
  let actual = normalise(actualText);
  if (block.unordered) {
    expected = [...expected].sort();
    actual = [...actual].sort();
  }
  const problems: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const want = expected[i];
    const got = actual[i];
    if (want !== undefined && got !== undefined &&
      lineMatcher(want).test(got)) continue;
    problems.push(`line ${i + 1}:\n  want: ${want ?? '(nothing)'}\n` +
      `  got:  ${got ?? '(nothing)'}`);
  }
  if (problems.length === 0) return undefined;
  const mode = block.unordered ? ' (unordered: lines sorted)' : '';
  return `output differs${mode}\n${problems.slice(0, 10).join('\n')}`;
}
