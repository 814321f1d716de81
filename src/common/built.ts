import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
