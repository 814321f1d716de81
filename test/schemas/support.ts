import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

/** The folder the suites' `$ref`s point into. */
export const API_SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/api/', import.meta.url));

/** One violation, reduced to what a test states: where, and which keyword broke. */
export interface Violation {
  path: string;
  keyword: string;
}

/** Every API schema compiled once, looked up by file name. */
export interface ApiSchemas {
  /** File names, e.g. `synchronizationJob.schema.json`. */
  readonly files: readonly string[];
  /** The violations of `value` against the schema in `file`; empty when it is valid. */
  violations(file: string, value: unknown): Violation[];
}

/**
 * Compiles every `schemas/api/*.schema.json` with ajv 2020 (strict, allErrors) and ajv-formats,
 * adding each by its `$id` first so the relative `$ref`s between files resolve. Call it once per
 * test file: a schema that does not compile in strict mode fails here, before any test runs.
 */
export function compileApiSchemas(): ApiSchemas {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  formats.default(ajv);
  const files = readdirSync(API_SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json')).sort();
  const ids = new Map<string, string>();
  for (const file of files) {
    const schema = JSON.parse(readFileSync(API_SCHEMAS_DIR + file, 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(file, schema.$id);
  }
  const validators = new Map<string, ValidateFunction>();
  for (const [file, id] of ids) {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`${file}: ajv did not register $id ${id}`);
    validators.set(file, validate);
  }
  return {
    files,
    violations(file, value) {
      const validate = validators.get(file);
      if (!validate) throw new Error(`no schema file ${file} in ${API_SCHEMAS_DIR}`);
      return validate(value) ? [] : (validate.errors ?? []).map(toViolation);
    },
  };
}

function toViolation(e: ErrorObject): Violation {
  return { path: e.instancePath, keyword: e.keyword };
}

/** Reads a JSON fixture of this folder. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  // The create page's example is shared with the emulator and assert tests, in test/fixtures/graph.
  const url = name === 'create-example.json' ? new URL('../fixtures/graph/create-example.json', import.meta.url) : new URL(`./fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** Marks a property to delete in {@link changed}. */
export const REMOVE = Symbol('remove');

/**
 * A deep copy of `value` with the property at `path` (a JSON pointer such as
 * `/status/quarantine/reason`) set to `to`, or deleted when `to` is {@link REMOVE}.
 */
export function changed<T>(value: T, path: string, to: unknown): T {
  const copy = structuredClone(value) as unknown;
  const keys = path.split('/').slice(1).map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = keys.pop();
  if (last === undefined) throw new Error('changed() needs a non-empty pointer');
  let parent = copy as Record<string, unknown>;
  for (const key of keys) {
    const next = parent[key];
    if (typeof next !== 'object' || next === null) throw new Error(`no object at ${key} in ${path}`);
    parent = next as Record<string, unknown>;
  }
  if (to === REMOVE) delete parent[last];
  else parent[last] = to;
  return copy as T;
}
