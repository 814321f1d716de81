import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file `npm run build` derives from the package's own files into dist/validators/
 * (scripts/precompile-validators.mjs), found from this file in src/common/ or dist/src/common/;
 * undefined when the package was not built (then the caller compiles or parses at run time).
 */
export function builtFile(name: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const file = join(dir, 'dist', 'validators', name);
      return existsSync(file) ? file : undefined;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The package root, beside dist/ (the folder holding package.json above this file). */
export function builtRoot(): string | undefined {
  const file = builtFile('.');
  return file === undefined ? undefined : dirname(dirname(file));
}
