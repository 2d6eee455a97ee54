/**
 * Entry detection: is this module the script the user ran?
 *
 * Node 20 has no `import.meta.main`. A recipe compares its own URL with the
 * script on the command line, so importing a recipe (from a test or a
 * benchmark) never runs it. This also works under tsx, which leaves the `.ts`
 * path in `process.argv[1]`.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

export function isEntry(moduleUrl: string): boolean {
  if (!isMainThread) return false;
  const script = process.argv[1];
  if (script === undefined) return false;
  let resolved = script;
  try {
    resolved = realpathSync(script);
  } catch {
    // A script path that does not exist cannot be this module.
  }
  return pathToFileURL(resolved).href === moduleUrl;
}
