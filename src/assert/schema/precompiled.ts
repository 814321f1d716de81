import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { builtFile, builtRoot } from '../../common/built.js';

/**
 * The package's API schemas (schemas/api/) compiled at build time with ajv's standalone code into
 * dist/validators/api.cjs (scripts/precompile-validators.mjs), so a run validates answers
 * without compiling the shipped schemas first.
 */

/** The generated module, in dist/validators/. */
export const API_MODULE = 'api.cjs';

/** Export names in the generated module. */
export const API_EXPORTS = {
  /** The validator of one schema file, by its file name (`synchronizationJob.schema.json`). */
  validator: (fileName: string): string => fileName.replace(/\.schema\.json$/, ''),
  /** File name -> the text each was compiled from. */
  sources: 'schemaTexts',
} as const;

type Validate = (data: unknown) => boolean;

interface ApiModule {
  dir: string;
  texts: Record<string, string>;
  validators: Record<string, Validate | undefined>;
}

let loaded: ApiModule | null | undefined;

function apiModule(): ApiModule | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  const file = builtFile(API_MODULE);
  const root = builtRoot();
  if (file === undefined || root === undefined) {
    loaded = null;
    return undefined;
  }
  const mod = createRequire(import.meta.url)(file) as Record<string, unknown>;
  loaded = { dir: join(root, 'schemas', 'api'), texts: (mod[API_EXPORTS.sources] ?? {}) as Record<string, string>, validators: mod as Record<string, Validate | undefined> };
  return loaded;
}

/**
 * The build's validator of a whole schema file (no `#fragment`), when the file is one of the
 * package's API schemas and the store holds every one of them with exactly the text the build
 * compiled: then the generated code and a compile now accept the same answers. Otherwise
 * undefined. `textOf` gives the text the store registered for a file, if any.
 */
export function precompiledApiValidator(file: string, textOf: (file: string) => string | undefined): Validate | undefined {
  const mod = apiModule();
  if (mod === undefined || dirname(file) !== mod.dir) return undefined;
  const names = Object.keys(mod.texts);
  if (!names.includes(basename(file)) || names.some((name) => textOf(join(mod.dir, name)) !== mod.texts[name])) return undefined;
  return mod.validators[API_EXPORTS.validator(basename(file))];
}

/**
 * True when `files` are exactly the package's API schemas, every one of them, and `textOf` gives
 * each the text the build compiled: then {@link precompiledApiValidator} judges every whole file,
 * and nothing needs ajv until a violation is explained.
 */
export function areBuiltApiSchemas(files: readonly string[], textOf: (file: string) => string | undefined): boolean {
  const mod = apiModule();
  if (mod === undefined) return false;
  const names = Object.keys(mod.texts);
  return files.length === names.length && files.every((file) => dirname(file) === mod.dir && mod.texts[basename(file)] !== undefined && textOf(file) === mod.texts[basename(file)]);
}

/**
 * True when `file` is one of the package's API schemas with exactly the text the build compiled:
 * the build validated that text against the draft 2020-12 meta-schema, so registering it need
 * not validate it again (compiling the meta-schema cost most of a run's set-up).
 */
export function isBuiltApiSchema(file: string, text: string): boolean {
  const mod = apiModule();
  return mod !== undefined && dirname(file) === mod.dir && mod.texts[basename(file)] === text;
}
