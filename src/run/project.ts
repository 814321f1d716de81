import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the package's own data lives (suites/, schemas/, specs/). Found by walking up from this
 * file, so it works from src/ under vitest and from dist/ once built.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the graph-sync-conformance package root (no package.json with schemas/ above the CLI)');
    dir = up;
  }
}

/** The package's paths and version. */
export function project(): { root: string; suites: string; schemas: string; specs: string; formatSchema: string; version: string } {
  const root = packageRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    root,
    suites: join(root, 'suites'),
    schemas: join(root, 'schemas'),
    specs: join(root, 'specs'),
    formatSchema: join(root, 'schemas', 'suite.schema.json'),
    version: pkg.version,
  };
}
