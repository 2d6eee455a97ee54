// Types for bundle.mjs (which must stay JavaScript: it runs as a script).

/** Where bundles are cached: the nearest node_modules/.cache, or tmp. */
export function cacheDir(): string;

/**
 * The file URL of an up-to-date bundle of the TypeScript module `entry`
 * (a file URL or a path), building it if needed; undefined when the
 * entry is not TypeScript, bundling is off, or esbuild cannot bundle it.
 */
export function bundleSync(entry: URL | string): string | undefined;
