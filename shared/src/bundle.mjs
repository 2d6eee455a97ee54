// Fast TypeScript start-up for workers, pools and child processes.
//
// Why: Node 20 cannot run `.ts`, so a TypeScript worker used to register
// tsx's loader inside the new thread and compile every module it
// imported there: ~316 ms per worker against ~40 ms for plain JS. What
// won (measured in recipes/01-threads/26-startup.bench.ts, suites
// WorkerStartup and ProcessStartup) is bundling: the worker's entry and
// everything it imports from this repository are compiled ONCE, by the
// esbuild that tsx already installs, into one `.mjs` file; each worker
// then loads plain JavaScript with no loader at all.
//
// The levers weighed (one run on the loaded 2-core machine, medians of
// 7: plain-JS eval worker 212 ms): tsx inherited and registered in the
// worker 2.9 s; a lighter registration (tsx's register() alone, the
// inherited --import dropped) 2.4 s, because every thread still
// compiles every module it loads; the cached bundle 321 ms (1.5x plain
// JS). Node 20 gives each thread its own loader, so one cannot be
// shared across workers; the bundle is how the compiling is shared.
//
// What it costs, and how each cost is paid:
// - A cache on disk: node_modules/.cache/cookbook-ts/ (or
//   $COOKBOOK_TS_CACHE; os.tmpdir() when there is no node_modules).
//   `<key>.json` names the bundle and lists every input file with its
//   size, mtime and SHA-256. A spawn stats the inputs (no hashing unless
//   a stat changed) and rebuilds when any content changed, so an edited
//   recipe is never run stale. Delete the folder to start afresh.
// - A build on a miss, in a short child process (0.2-1 s): spawnWorker(),
//   pool() and forkTs() are synchronous, and esbuild's synchronous API
//   takes no plugins. Writers go to a temporary file and rename() it
//   into place, so processes that build at the same moment each write a
//   whole file and readers never see half of one.
// - Packages under node_modules stay external (imported from their
//   resolved path, so the worker shares Node's copy); workspace
//   packages (@cookbook/*) resolve to real paths outside node_modules
//   and are bundled like the recipe's own files.
// - `import.meta.url` (and `.dirname`, `.filename`) would name the
//   bundle; each module gets its own file's URL instead, so
//   `new URL('./x.ts', import.meta.url)` and `isEntry()` still work.
// - Source maps, inline and without sources: a worker enables them
//   before it imports its bundle, so a stack trace names the `.ts` file
//   and line, as under tsx.
// - Anything esbuild cannot bundle falls back to the old way (tsx in
//   the worker): slower, never broken. COOKBOOK_TS_BUNDLE=0 forces that.
//
// This file must stay JavaScript: the builder runs as `node bundle.mjs`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

// Bump when the build options change: old bundles then miss.
const FORMAT = 3;
const THIS_FILE = fileURLToPath(import.meta.url);
const TS = /\.[cm]?tsx?$/;

// The esbuild that tsx depends on, found through tsx (lazily: a worker
// that imports this module never needs it).
let esbuildMain;
function esbuildPaths() {
  if (esbuildMain === undefined) {
    const fromHere = createRequire(THIS_FILE);
    const fromTsx = createRequire(fromHere.resolve('tsx/package.json'));
    const main = fromTsx.resolve('esbuild');
    const pkg = fromTsx.resolve('esbuild/package.json');
    esbuildMain = { main, version: JSON.parse(fs.readFileSync(pkg)).version };
  }
  return esbuildMain;
}

/** Where bundles live: the nearest node_modules/.cache, else tmpdir. */
export function cacheDir() {
  const chosen = process.env.COOKBOOK_TS_CACHE;
  if (chosen) return path.resolve(chosen);
  const modules = nearest(path.dirname(THIS_FILE), 'node_modules');
  if (modules) return path.join(modules, '.cache', 'cookbook-ts');
  const user = process.getuid?.() ?? 'user';
  return path.join(os.tmpdir(), `cookbook-ts-${user}`);
}

const sha = (data) => createHash('sha256').update(data).digest('hex');

// One cache entry per entry file and toolchain.
function keyOf(file) {
  const { version } = esbuildPaths();
  return sha([FORMAT, file, version, process.versions.node].join('\0'))
    .slice(0, 24);
}

function toPath(entry) {
  const text = String(entry);
  return text.startsWith('file:') ? fileURLToPath(text) : path.resolve(text);
}

// A cache entry is fresh when its bundle exists and every input still
// has the content it was built from. A same size and mtime is taken as
// the same content; otherwise we hash the file to be sure.
function fresh(meta, dir) {
  try {
    fs.statSync(path.join(dir, meta.bundle));
    for (const [file, size, mtimeMs, hash] of meta.inputs) {
      const stat = fs.statSync(file);
      if (stat.size === size && stat.mtimeMs === mtimeMs) continue;
      if (sha(fs.readFileSync(file)) !== hash) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function readMeta(dir, key) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

// Entries whose build failed in this process: not retried on each spawn.
const failed = new Set();

/**
 * The file URL of an up-to-date bundle of the TypeScript module `entry`
 * (a file URL or a path), building it if needed; undefined when the
 * entry is not TypeScript, bundling is off, or esbuild cannot bundle it.
 */
export function bundleSync(entry) {
  if (process.env.COOKBOOK_TS_BUNDLE === '0') return undefined;
  const file = toPath(entry);
  if (!TS.test(file) || failed.has(file)) return undefined;
  const dir = cacheDir();
  const key = keyOf(file);
  let meta = readMeta(dir, key);
  if (meta === undefined || !fresh(meta, dir)) {
    try {
      execFileSync(process.execPath, [THIS_FILE, file, dir], {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 120_000,
      });
    } catch {
      failed.add(file);
      return undefined;
    }
    meta = readMeta(dir, key);
    if (meta === undefined) return undefined;
  }
  return pathToFileURL(path.join(dir, meta.bundle)).href;
}

// ── The builder (runs in the child process) ────────────────────────
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx',
  '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

// Each module declares its own URL in a variable on its first line (so
// no line moves and the source map stays exact); `define` points
// `import.meta.url` at it, and esbuild renames each copy apart.
const META = { url: '__cookbookUrl', dirname: '__cookbookDirname',
  filename: '__cookbookFilename' };

function withOwnMeta(file, source) {
  const url = JSON.stringify(pathToFileURL(file).href);
  const decl = `var ${META.url} = ${url},` +
    ` ${META.dirname} = ${JSON.stringify(path.dirname(file))},` +
    ` ${META.filename} = ${JSON.stringify(file)}; `;
  if (!source.startsWith('#!')) return decl + source;
  const end = source.indexOf('\n') + 1;
  return source.slice(0, end) + decl + source.slice(end);
}

function cookbookPlugin(seen) {
  return {
    name: 'cookbook',
    setup(build) {
      // Bare imports: packages in node_modules stay external, at the
      // path Node itself would load; workspace packages get bundled.
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || path.isAbsolute(args.path)) {
          return undefined;
        }
        const found = await build.resolve(args.path, {
          kind: args.kind, importer: args.importer,
          resolveDir: args.resolveDir, pluginData: 'resolving',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        if (found.external || !found.path.split(path.sep)
          .includes('node_modules')) return found;
        return { path: pathToFileURL(found.path).href, external: true };
      });
      // Stat before reading: a file edited meanwhile then looks changed
      // next time, and is hashed and rebuilt.
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        const stat = fs.statSync(args.path);
        const bytes = fs.readFileSync(args.path);
        seen.set(args.path, [stat.size, stat.mtimeMs, sha(bytes)]);
        const loader = LOADERS[path.extname(args.path)] ?? 'js';
        return { contents: withOwnMeta(args.path, bytes.toString()), loader };
      });
    },
  };
}

// Writes `data` as `name` in `dir` all at once: a temporary file, then a
// rename, which replaces the old file atomically.
function writeAtomically(dir, name, data) {
  const temp = path.join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, path.join(dir, name));
}

// Old files: bundles of this entry from earlier builds that nobody has
// used for an hour (a running worker read its file long ago), and
// anything a week old (other entries, older formats; a live entry just
// rebuilds). Safe while other processes build: at worst a file is
// deleted twice, or rebuilt once more.
function prune(dir, key, keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || name === `${key}.json`) continue;
    const file = path.join(dir, name);
    try {
      const age = now - fs.statSync(file).mtimeMs;
      const ours = name.startsWith(`${key}.`) || name.endsWith('.tmp');
      if (age > (ours ? 3_600_000 : 7 * 86_400_000)) fs.unlinkSync(file);
    } catch {
      // Another builder pruned it first.
    }
  }
}

// The closest `name` in `dir` or a folder above it.
function nearest(dir, name) {
  for (;;) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

async function build(file, dir) {
  const esbuild = await import(pathToFileURL(esbuildPaths().main).href);
  const key = keyOf(file);
  const seen = new Map();
  const result = await esbuild.build({
    entryPoints: [file],
    absWorkingDir: path.dirname(file),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    // Node's own resolution: no esbuild-only "module" condition/field.
    conditions: [],
    mainFields: ['main'],
    define: Object.fromEntries(Object.entries(META)
      .map(([name, local]) => [`import.meta.${name}`, local])),
    sourcemap: 'inline',
    sourcesContent: false,
    metafile: true,
    write: false,
    outfile: path.join(dir, `${key}.mjs`),
    logLevel: 'silent',
    plugins: [cookbookPlugin(seen)],
  });
  const inputs = [];
  // The sources, and the tsconfig.json that decided how they compile.
  const sources = Object.keys(result.metafile.inputs)
    .map((input) => path.resolve(path.dirname(file), input));
  const tsconfig = nearest(path.dirname(file), 'tsconfig.json');
  for (const abs of tsconfig ? [...sources, tsconfig] : sources) {
    let known = seen.get(abs);
    if (known === undefined) {
      const stat = fs.statSync(abs);
      known = [stat.size, stat.mtimeMs, sha(fs.readFileSync(abs))];
    }
    inputs.push([abs, ...known]);
  }
  const code = result.outputFiles[0].contents;
  const bundle = `${key}.${sha(code).slice(0, 16)}.mjs`;
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(dir, bundle, code);
  const meta = { format: FORMAT, entry: file, bundle, inputs };
  writeAtomically(dir, `${key}.json`, JSON.stringify(meta));
  prune(dir, key, bundle);
}

// `node bundle.mjs <entry.ts> <cache dir>`: build one bundle and exit.
if (isMainThread && process.argv[1] === THIS_FILE && process.argv[3]) {
  try {
    await build(process.argv[2], process.argv[3]);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
