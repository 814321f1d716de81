import { jsonProblem, readConfinedFile } from '../../common/confined-file.js';
import { nestsDeeperThan, tooDeepMessage } from '../../common/json-depth.js';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { parse as parseYaml } from '../../common/yaml.js';
import { SchemaLoadError } from '../errors.js';
import type { SchemaStore, SchemaViolation } from '../types.js';
import { createAjv } from '../../common/ajv.js';
import { collapse, toViolation } from './explain.js';
import { listSchemaFiles } from './files.js';
import { areBuiltApiSchemas, isBuiltApiSchema, precompiledApiValidator } from './precompiled.js';
import { SchemaLocations } from './locations.js';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
// A $ref to a file outside the loaded directories is loaded on demand; this bounds the retries.
const MAX_LATE_LOADS = 100;

/** The top-level fields of an OpenAPI 3 document. */
const OPENAPI_FIELDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs'];

type Validate = (value: unknown) => SchemaViolation[];

/**
 * Schemas registered in one ajv instance under their file URL (and their `$id`, which ajv adds),
 * so a `$ref` may name another file by relative path or by `$id`.
 */
class FileSchemaStore implements SchemaStore {
  #ajvInstance: Ajv2020 | undefined;
  readonly #locations = new SchemaLocations();
  readonly #validators = new Map<string, Validate>();
  /** Loaded files by absolute path. */
  readonly #loaded = new Set<string>();
  /** Files that could not be registered, with why; reported when (and only when) they are used. */
  readonly #broken = new Map<string, SchemaLoadError>();
  /** The text of each registered file, to know a shipped schema is unchanged. */
  readonly #texts = new Map<string, string>();
  /** `$id` -> the file that declares it, to name files in messages. */
  readonly #fileById = new Map<string, string>();

  /** The files under the dirs, registered in this order when ajv is first needed. */
  readonly #files: string[];
  /** What the files read when listed, when they are the package's built API schemas (registered from it, not read again). */
  #read: Map<string, ReturnType<typeof readConfinedFile>> | undefined;
  #registered = false;

  constructor(readonly dirs: readonly string[]) {
    this.#files = dirs.flatMap((dir) => listSchemaFiles(dir));
    // The package's own API schemas, unchanged: the build's generated code judges answers, and
    // ajv (its set-up and every file registered in it) is needed only to explain a violation.
    const read = new Map(this.#files.map((file) => [file, readConfinedFile(file, undefined)] as const));
    const texts = (file: string): string | undefined => {
      const r = read.get(file);
      return r !== undefined && 'text' in r ? r.text : undefined;
    };
    if (areBuiltApiSchemas(this.#files, texts)) {
      this.#read = read;
      for (const file of this.#files) this.#texts.set(file, texts(file)!);
    } else this.#registerAll();
  }

  /** Every file registered in ajv, as the store does at once unless the built schemas spare it. */
  #registerAll(): void {
    if (this.#registered) return;
    this.#registered = true;
    this.#texts.clear();
    for (const file of this.#files) this.#register(file);
    this.#read = undefined;
  }

  get #ajv(): Ajv2020 {
    return (this.#ajvInstance ??= createAjv());
  }

  validator(ref: string): Validate {
    const cached = this.#validators.get(ref);
    if (cached) return cached;
    const hash = ref.indexOf('#');
    const path = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (!isAbsolute(path)) throw new SchemaLoadError(path, `schema path must be absolute, got "${ref}"`);
    const file = resolve(path);
    if (this.#registered) this.#ensureLoaded(file);
    // A shipped API schema, unchanged: the build's generated code says whether an answer
    // conforms; only a violation compiles the schema here, to explain it as before.
    const built = fragment === '' ? precompiledApiValidator(file, (f) => this.#texts.get(f)) : undefined;
    if (!built && !this.#registered) {
      this.#registerAll();
      this.#ensureLoaded(file);
    }
    let explain: Validate | undefined = built ? undefined : this.#explainer(file, fragment);
    const run: Validate = built ? (value) => (built(value) ? [] : (explain ??= this.#explainer(file, fragment))(value)) : explain!;
    this.#validators.set(ref, run);
    return run;
  }

  /** The schema at `file#fragment` compiled now, its errors collapsed into violations. */
  #explainer(file: string, fragment: string): Validate {
    this.#registerAll();
    const validate = this.#compile(file, pathToFileURL(file).href + (fragment === '' ? '' : `#${fragment}`), fragment);
    const deps = { ajv: this.#ajv, locations: this.#locations };
    return (value) => (validate(value) ? [] : collapse(validate.errors ?? [], deps).map(toViolation));
  }

  /**
   * Strict mode refuses unknown keywords, and an OpenAPI document's top-level fields are not
   * schema keywords: they are declared once (with no meaning) so the schemas inside can be used.
   */
  #knowOpenApiFields(): void {
    for (const keyword of OPENAPI_FIELDS) if (this.#ajv.getKeyword(keyword) === false) this.#ajv.addKeyword(keyword);
  }

  #ensureLoaded(file: string): void {
    if (!this.#loaded.has(file) && !this.#broken.has(file)) this.#register(file);
    const broken = this.#broken.get(file);
    if (broken) throw broken;
  }

  #register(file: string): void {
    const problem = this.#add(file);
    if (problem === undefined) this.#loaded.add(file);
    else this.#broken.set(file, new SchemaLoadError(file, `${file}: ${problem}`));
  }

  /** Registers one file; returns what is wrong with it, if anything. */
  #add(file: string): string | undefined {
    // A regular file below the size cap; its content is never quoted in the problem.
    const read = this.#read?.get(file) ?? readConfinedFile(file, undefined);
    if ('problem' in read) return read.missing ? 'schema file not found (check the $ref path)' : `the schema file ${read.problem}`;
    if (nestsDeeperThan(read.text)) return tooDeepMessage();
    let schema: unknown;
    // An OpenAPI document in YAML (specs/) holds schemas too: a ref to one names it with a #/pointer.
    const isYaml = /\.ya?ml$/i.test(file);
    try {
      schema = isYaml ? parseYaml(read.text) : JSON.parse(read.text);
    } catch (error) {
      // The first line of yaml's message says what and where; the lines after it quote the file.
      return isYaml ? `not valid YAML: ${String((error as Error).message).split('\n')[0]}` : `not valid JSON: ${jsonProblem(error)}`;
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return 'a schema file must hold a JSON object';
    if (isYaml) this.#knowOpenApiFields();
    const declared = (schema as Record<string, unknown>)['$schema'];
    if (declared !== undefined && declared !== DRAFT_2020_12 && declared !== `${DRAFT_2020_12}#`) {
      return `"$schema": ${JSON.stringify(declared)} is not supported; write "${DRAFT_2020_12}"`;
    }
    const id = (schema as Record<string, unknown>)['$id'];
    if (typeof id === 'string' && this.#fileById.has(id)) return `$id "${id}" is already declared by ${this.#fileById.get(id)}`;
    try {
      // A shipped schema, unchanged, was checked against the meta-schema when the package was built.
      this.#ajv.addSchema(schema, pathToFileURL(file).href, undefined, !isBuiltApiSchema(file, read.text));
    } catch (error) {
      return `not a valid JSON Schema: ${(error as Error).message}`;
    }
    if (typeof id === 'string') this.#fileById.set(id, file);
    this.#texts.set(file, read.text);
    this.#locations.add(schema, pathToFileURL(file).href);
    return undefined;
  }

  /** Compiles (once; ajv caches) the schema at `key`, loading files its $refs reach outside the dirs. */
  #compile(file: string, key: string, fragment: string): ValidateFunction {
    for (let attempt = 0; ; attempt++) {
      let validate: ValidateFunction | undefined;
      try {
        validate = this.#ajv.getSchema(key);
      } catch (error) {
        const missing = (error as { missingSchema?: unknown }).missingSchema;
        if (typeof missing === 'string' && attempt < MAX_LATE_LOADS && this.#loadLate(missing)) continue;
        throw this.#compileError(file, error as Error);
      }
      if (validate === undefined) throw new SchemaLoadError(file, `${file}: no schema at "#${fragment}" (check the pointer after "#")`);
      return validate;
    }
  }

  /** Loads a file a $ref names by file URL that was not under the dirs; true if that helped. */
  #loadLate(url: string): boolean {
    if (!url.startsWith('file:')) return false;
    const file = fileURLToPath(url);
    if (this.#loaded.has(file) || this.#broken.has(file) || !existsSync(file)) return false;
    this.#register(file);
    return this.#loaded.has(file);
  }

  #compileError(file: string, error: Error): SchemaLoadError {
    const { missingRef, missingSchema } = error as { missingRef?: string; missingSchema?: string };
    if (typeof missingRef !== 'string') {
      return new SchemaLoadError(file, `${file}: invalid schema (in this file or one it references): ${error.message}`);
    }
    const from = /from id (\S+)/.exec(error.message)?.[1] ?? '';
    const source = this.#fileById.get(from) ?? (from.startsWith('file:') ? fileURLToPath(from) : from || file);
    const target = missingSchema?.startsWith('file:') ? this.#broken.get(fileURLToPath(missingSchema)) : undefined;
    const why = target
      ? `it points at a schema that failed to load: ${target.message}`
      : missingSchema?.startsWith('file:')
        ? 'there is no such schema file'
        : 'no loaded schema has that $id';
    return new SchemaLoadError(source, `${source}: $ref "${missingRef}" does not resolve: ${why}`);
  }
}

/**
 * Loads every *.schema.json under `dirs` up front (so cross-file $refs by $id or relative path
 * resolve), no compile yet. A broken file is reported when a validator needs it, not before.
 * @throws SchemaLoadError when a directory does not exist.
 */
export function createSchemaStore(dirs: string[]): SchemaStore {
  return new FileSchemaStore(dirs);
}
