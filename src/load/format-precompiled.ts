import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv/dist/2020.js';

/**
 * The suite format schema compiled at build time (scripts/precompile-validators.mjs, ajv's
 * standalone code) into dist/validators/suite-format.cjs: loading it costs a few ms where
 * compiling the schema cost about 100 ms at every start of `gsc list`, `lint` and `run`.
 */

/** A generated validator: ajv's standalone function, errors on itself like a compiled one. */
export interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Export names in the generated module. */
export const FORMAT_EXPORTS = { root: 'root', source: 'schemaText' } as const;

/** The export that validates `$defs/<name>` alone. */
export function formatExportName(defName: string): string {
  return `def_${defName}`;
}

/** The generated module, as the loader uses it. */
export interface PrecompiledFormat {
  root: StandaloneValidate;
  def(name: string): StandaloneValidate | undefined;
}

/** Where `npm run build` writes the module, found from this file in src/load/ or dist/src/load/. */
function modulePath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const file = join(dir, 'dist', 'validators', 'suite-format.cjs');
      return existsSync(file) ? file : undefined;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The precompiled validators when they were compiled from exactly `schemaText`; otherwise
 * (not built, or another or edited schema file) undefined, and the caller compiles the file.
 */
export function precompiledFormat(schemaText: string): PrecompiledFormat | undefined {
  const file = modulePath();
  if (file === undefined) return undefined;
  const mod = createRequire(import.meta.url)(file) as Record<string, unknown>;
  if (mod[FORMAT_EXPORTS.source] !== schemaText) return undefined;
  return {
    root: mod[FORMAT_EXPORTS.root] as StandaloneValidate,
    def: (name) => mod[formatExportName(name)] as StandaloneValidate | undefined,
  };
}

/**
 * Subschemas that are not `$defs` entries yet have exactly a `$defs` entry's content. The
 * generated code hands errors copies of the schema, so their `$defs` entry is known by content,
 * not identity; with no such look-alike the two agree. The build refuses a schema that has one.
 */
export function defLookAlikes(schema: unknown): string[] {
  const defs = (schema as { $defs?: Record<string, unknown> } | null)?.$defs ?? {};
  const byText = new Map(Object.entries(defs).map(([name, def]) => [JSON.stringify(def), name]));
  const entries = new Set(Object.values(defs));
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (!entries.has(node) && byText.has(JSON.stringify(node))) found.push(`${path} looks like $defs/${byText.get(JSON.stringify(node))}`);
    for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`);
  };
  walk(schema, '#');
  return found;
}
