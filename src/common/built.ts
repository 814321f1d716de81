import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * A file `npm run build` derives from the package's own files into dist/validators/
 * (scripts/precompile-validators.mjs), found from this file in src/common/ or dist/src/common/;
 * undefined when the package was not built (then the caller compiles or parses at run time).
 * `folder` is another folder of dist/ (such as {@link VENDOR_FOLDER}).
 */
export function builtFile(name: string, folder = 'validators'): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const file = join(dir, 'dist', folder, name);
      return existsSync(file) ? file : undefined;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The folder of dist/ where the build puts bundled packages (scripts/bundle-vendor.mjs). */
export const VENDOR_FOLDER = 'vendor';
/** The `yaml` package bundled into one CommonJS file, in {@link VENDOR_FOLDER}. */
export const YAML_BUNDLE = 'yaml.cjs';

/** The package root, beside dist/ (the folder holding package.json above this file). */
export function builtRoot(): string | undefined {
  const file = builtFile('.');
  return file === undefined ? undefined : dirname(dirname(file));
}

/** Beside a generated CommonJS file, V8's code cache for it: `<file>.cache`. */
export const CODE_CACHE = '.cache';

/** The CommonJS wrapper Node puts around a file, so a `vm.Script` of it runs as `require` would run it. */
export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/**
 * Loads a CommonJS file the build generated, as `require` would, but with the V8 code cache the
 * build made for it after using it (`<file>.cache`): V8 then skips compiling the functions the
 * build ran, which is much of what running them the first time costs. V8 checks the cache
 * against the source and its own version and flags, and compiles as usual when it does not fit.
 * Without a cache file, plain `require`.
 */
export function requireBuilt(file: string): unknown {
  // Run once per process, like `require`.
  if (loaded.has(file)) return loaded.get(file);
  const cache = `${file}${CODE_CACHE}`;
  if (!existsSync(cache)) return createRequire(import.meta.url)(file);
  const script = new Script(wrapCommonJs(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(cache) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  loaded.set(file, module.exports);
  return module.exports;
}

const loaded = new Map<string, unknown>();
