import type { Ajv2020, AnySchemaObject, ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../model/index.js';
import { collapse, type BranchSource } from './collapse.js';
import { displayPath, readText } from './files.js';
import { precompiledFormat, type PrecompiledFormat, type StandaloneValidate } from './precompiled.js';

/**
 * `$defs` whose pattern failures the semantic checks report better (what a JSON pointer or a
 * duration looks like, with the fix); the schema keeps the patterns so editors flag them too.
 */
const LEFT_TO_CHECKS = new Set(['jsonPointer', 'duration']);

/** The compiled format schema of suite files. */
export interface FormatSchema {
  /** Its `$id`. */
  id: string;
  /** Errors for `data`, unions collapsed, one per problem a human would name. */
  validate(data: unknown): ErrorObject[];
  /** The name of the `$defs` entry `schema` is, when it is one. */
  defName(schema: unknown): string | undefined;
}

/**
 * Reads and compiles `schemas/suite.schema.json`: the validators `npm run build` generated when
 * the file is the one they were generated from, ajv at run time otherwise (imported only then).
 * A missing or broken schema file is a diagnostic: without it nothing can be validated, so the
 * caller loads no suite.
 */
export async function compileFormatSchema(file: string, cwd = process.cwd()): Promise<{ schema?: FormatSchema; diagnostics: Diagnostic[] }> {
  const shown = displayPath(file, cwd);
  const read = await readText(file, shown);
  if ('problem' in read) return { diagnostics: [{ ...read.problem, message: `format schema: ${read.problem.message}` }] };
  try {
    const root = JSON.parse(read.text) as AnySchemaObject;
    const built = precompiledFormat(read.text);
    const validators = built ? fromBuild(built) : fromAjv(root, (await import('../common/ajv.js')).createAjv());
    return { schema: new CompiledFormat(root, validators, built !== undefined), diagnostics: [] };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { diagnostics: [{ code: 'invalid-format-schema', message: `the format schema cannot be used: ${reason}`, hint: 'restore schemas/suite.schema.json from the package', span: { file: shown, line: 1, col: 1 }, severity: 'error' }] };
  }
}

/** A fixture file holds `fixtures` and neither `suite` nor `cases`; anything else is read as a suite. */
export function isFixtureFile(data: unknown): boolean {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && 'fixtures' in data && !('cases' in data) && !('suite' in data);
}

/** The format's validators: the whole schema, and a `$defs` entry (`#/$defs/name`) alone. */
interface FormatValidators {
  root: StandaloneValidate;
  ref(ref: string): StandaloneValidate | undefined;
}

function fromBuild(built: PrecompiledFormat): FormatValidators {
  return { root: built.root, ref: (ref) => built.def(ref.replace(/^#\/\$defs\//, '')) };
}

function fromAjv(root: AnySchemaObject, ajv: Ajv2020): FormatValidators {
  const validate = ajv.compile(root);
  const id = typeof root.$id === 'string' ? root.$id : 'suite.schema.json';
  return { root: validate, ref: (ref) => ajv.getSchema(`${id}${ref}`) };
}

class CompiledFormat implements FormatSchema, BranchSource {
  readonly id: string;
  private readonly defs: Record<string, AnySchemaObject>;
  private readonly names = new Map<unknown, string>();
  /** `$defs` entries by their JSON text, when errors carry copies of the schema (generated code). */
  private readonly namesByText?: Map<string, string>;

  constructor(
    root: AnySchemaObject,
    private readonly validators: FormatValidators,
    copies: boolean,
  ) {
    this.id = typeof root.$id === 'string' ? root.$id : 'suite.schema.json';
    this.defs = (root.$defs ?? {}) as Record<string, AnySchemaObject>;
    for (const [name, def] of Object.entries(this.defs)) this.names.set(def, name);
    if (copies) this.namesByText = new Map(Object.entries(this.defs).map(([name, def]) => [JSON.stringify(def), name]));
  }

  validate(data: unknown): ErrorObject[] {
    if (this.validators.root(data)) return [];
    // The root is "a suite file or a fixture file"; the shape says which the author meant, so
    // the errors are those of that form alone (the collapser would have to guess).
    const errors = collapse(this.errorsFor(isFixtureFile(data) ? '#/$defs/fixtureFile' : '#/$defs/suiteFile', data), this);
    return errors.filter((e) => e.keyword !== 'propertyNames' && !LEFT_TO_CHECKS.has(this.defName(e.parentSchema) ?? ''));
  }

  defName(schema: unknown): string | undefined {
    const byIdentity = this.names.get(schema);
    if (byIdentity !== undefined || this.namesByText === undefined || schema === null || typeof schema !== 'object') return byIdentity;
    // scripts/precompile-validators.mjs refuses a schema where a non-$defs subschema has a $defs entry's text.
    return this.namesByText.get(JSON.stringify(schema));
  }

  def(ref: string): AnySchemaObject | undefined {
    return this.defs[ref.replace(/^#\/\$defs\//, '')];
  }

  errorsFor(ref: string, data: unknown): ErrorObject[] {
    const v = this.validators.ref(ref);
    if (v === undefined || v(data)) return [];
    return [...(v.errors ?? [])];
  }
}
