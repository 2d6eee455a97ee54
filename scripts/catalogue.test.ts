/**
 * Structure tests: the recipe contract holds for every recipe, and the
 * generated catalogue files are up to date (regenerated in memory and
 * compared, never rewritten by the test).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generatedFiles, loadUnion } from './lib/catalogue.ts';
import { checkRecipes } from './lib/check.ts';
import { loadRecipes, parseHeader, parseOutput, ROOT } from './lib/recipes.ts';

const recipes = loadRecipes();

describe('the recipe contract', () => {
  test('every recipe has a complete header, main, Output and a test', () => {
    expect(checkRecipes(recipes)).toEqual([]);
  });

  test('the checker catches what it should', () => {
    const source = '/**\n * Title\n *\n * @run npm run recipe -- x/y\n */\n' +
      'export const x = 1;\n';
    const [recipe] = loadRecipes().slice(0, 1).map((r) => ({
      ...r, id: 'x/y', file: 'recipes/00-x/01-y.ts',
      absFile: join(ROOT, 'recipes/00-x/01-y.ts'), source,
      header: parseHeader(source), output: parseOutput(source),
    }));
    const problems = checkRecipes([recipe!, { ...recipe! }]).join('\n');
    expect(problems).toContain('no @book');
    expect(problems).toContain('no @covers');
    expect(problems).toContain('does not export function main()');
    expect(problems).toContain('no // Output:');
    expect(problems).toContain('no .test.ts twin');
    expect(problems).toContain('id x/y repeats');
  });

  test('headers parse: multi-line @book, covers, timeout', () => {
    const h = parseHeader('/**\n * T\n *\n * @book 2e ch. 2 "X" › A\n' +
      ' *          long title\n * @covers T1 T2\n * @timeout 500\n' +
      ' *\n * Prose.\n */');
    expect(h?.book).toEqual(['2e ch. 2 "X" › A long title']);
    expect(h?.covers).toEqual(['T1', 'T2']);
    expect(h?.timeoutMs).toBe(500);
    expect(h?.prose).toBe('Prose.');
  });

  test('every union id of the books is known, once', () => {
    const ids = loadUnion().map((u) => u.id);
    expect(ids).toHaveLength(96);
    expect(new Set(ids).size).toBe(96);
  });
});

describe('generated files are fresh (npm run catalogue)', () => {
  for (const [path, content] of generatedFiles(recipes)) {
    test(path, () => {
      const abs = join(ROOT, path);
      const current = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
      expect(current, `${path} is stale: run npm run catalogue`)
        .toBe(content);
    });
  }
});
