import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { builtFile, requireBuilt } from '../common/built.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { SourceSpan } from '../model/index.js';
import type { Operation, OperationBody, OperationResponse } from './operations.js';

/**
 * What `npm run build` derives from the package's own files (scripts/precompile-validators.mjs),
 * so no command pays for it at start-up: the suite format schema compiled with ajv's standalone
 * code (dist/validators/suite-format.cjs), and the operations of specs/ (dist/validators/
 * operations.json). Loading them costs a few ms, where compiling the schema and parsing the
 * OpenAPI YAML cost most of `gsc list`'s start. Each holds the text it was made from, and is
 * used only for a file with exactly that text.
 */

/** A generated validator: ajv's standalone function, errors on itself like a compiled one. */
export interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The generated format module, in dist/validators/. */
export const FORMAT_MODULE = 'suite-format.cjs';
/** The operations of the package's specs/, in dist/validators/. */
export const OPERATIONS_FILE = 'operations.json';

/**
 * One operation as the build stores it: where it is, and its schema refs, are relative to the
 * spec file, since the same text may be read from another folder than the build's (an installed
 * package, a copy of specs/). {@link placeOperations} makes them absolute again.
 */
export interface BuiltOperation extends Omit<Operation, 'file' | 'span' | 'responses' | 'requestBody'> {
  span?: Omit<SourceSpan, 'file'>;
  responses?: OperationResponse[];
  requestBody?: OperationBody;
}

/** One spec file's operations as the build found them. */
export interface BuiltOperations {
  /** The spec file's text. */
  text: string;
  operations: BuiltOperation[];
}

/**
 * Operations parsed from the spec file at `abs`, as the build stores them: without the file's
 * name, schema refs relative to it (`#/pointer` inside it, a path from its folder otherwise).
 */
export function portableOperations(operations: readonly Operation[], abs: string): BuiltOperation[] {
  const rebase = (ref: string): string => {
    if (ref.startsWith(`${abs}#`)) return ref.slice(abs.length);
    const hash = ref.indexOf('#');
    return hash < 0 ? relative(dirname(abs), ref) : `${relative(dirname(abs), ref.slice(0, hash))}${ref.slice(hash)}`;
  };
  return operations.map(({ file: _file, span, responses, requestBody, ...op }) => ({
    ...op,
    ...(span ? { span: withoutFile(span) } : {}),
    ...(responses ? { responses: responses.map((r) => (r.schema === undefined ? r : { ...r, schema: rebase(r.schema) })) } : {}),
    ...(requestBody ? { requestBody: requestBody.schema === undefined ? requestBody : { ...requestBody, schema: rebase(requestBody.schema) } } : {}),
  }));
}

/**
 * The build's operations of a spec file read from `abs` and shown as `file`: exactly what
 * parsing it there gives (`parseSpec(abs, file, text)`).
 */
export function placeOperations(built: readonly BuiltOperation[], abs: string, file: string): Operation[] {
  const place = (ref: string): string => {
    if (ref.startsWith('#')) return `${abs}${ref}`;
    const hash = ref.indexOf('#');
    return hash < 0 ? resolve(dirname(abs), ref) : `${resolve(dirname(abs), ref.slice(0, hash))}${ref.slice(hash)}`;
  };
  return built.map(({ span, responses, requestBody, ...op }) => ({
    ...op,
    file,
    ...(span ? { span: { file, ...span } } : {}),
    ...(responses ? { responses: responses.map((r) => (r.schema === undefined ? r : { ...r, schema: place(r.schema) })) } : {}),
    ...(requestBody ? { requestBody: requestBody.schema === undefined ? requestBody : { ...requestBody, schema: place(requestBody.schema) } } : {}),
  }));
}

function withoutFile({ file: _file, ...rest }: SourceSpan): Omit<SourceSpan, 'file'> {
  return rest;
}

/**
 * The operations the build read from a spec file with exactly `text` (it reads only specs that
 * load without a diagnostic), or undefined: the caller parses the file.
 */
export function precompiledOperations(text: string): BuiltOperations['operations'] | undefined {
  const file = builtFile(OPERATIONS_FILE);
  if (file === undefined) return undefined;
  let built: BuiltOperations[];
  try {
    built = JSON.parse(readFileSync(file, 'utf8')) as BuiltOperations[];
  } catch {
    return undefined;
  }
  return Array.isArray(built) ? built.find((b) => b.text === text)?.operations : undefined;
}

/** The patterns of the package's suites/ that RE2 compiles, in dist/validators/. */
export const PATTERNS_FILE = 'patterns.json';

/** What the build stores in {@link PATTERNS_FILE}. */
export interface BuiltPatterns {
  /** Every `pattern:` value written in the package's suites/ that RE2 compiled at build time (no flags, as the loader checks them). */
  compile: string[];
}

let builtPatterns: ReadonlySet<string> | undefined;

/**
 * The patterns RE2 compiled at build time (the package's own suites'), so loading them needs no
 * RE2: starting its WebAssembly and compiling the shipped suites' patterns cost about a fifth of
 * `gsc list`. RE2 is deterministic and pinned, so a pattern it compiled then compiles now; any
 * other pattern is compiled by the caller. Empty when the package was not built.
 */
export function precompiledPatterns(): ReadonlySet<string> {
  if (builtPatterns !== undefined) return builtPatterns;
  const file = builtFile(PATTERNS_FILE);
  let list: unknown;
  try {
    list = file === undefined ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as Partial<BuiltPatterns>).compile;
  } catch {
    list = undefined;
  }
  builtPatterns = new Set(Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []);
  return builtPatterns;
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

/**
 * The precompiled validators when they were compiled from exactly `schemaText`; otherwise
 * (not built, or another or edited schema file) undefined, and the caller compiles the file.
 */
export function precompiledFormat(schemaText: string): PrecompiledFormat | undefined {
  const file = builtFile(FORMAT_MODULE);
  if (file === undefined) return undefined;
  const mod = requireBuilt(file) as Record<string, unknown>;
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
