import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../../common/ajv.js';
import { project } from '../../run/project.js';

/** The compiled `schemas/config.schema.json`, with a way back from a subschema to its `$defs` name. */
export interface ConfigSchema {
  validate(data: unknown): ErrorObject[];
  defName(schema: unknown): string | undefined;
}

let compiled: ConfigSchema | undefined;

/**
 * The config schema, compiled once per process. Throws when the package's copy is missing or
 * broken: that is an installation problem, not the user's file.
 */
export function configSchema(): ConfigSchema {
  compiled ??= compile(JSON.parse(readFileSync(configSchemaFile(), 'utf8')) as AnySchemaObject);
  return compiled;
}

/** Where the package keeps the config schema (what a config's `$schema` can point at). */
export function configSchemaFile(): string {
  return join(project().schemas, 'config.schema.json');
}

function compile(root: AnySchemaObject): ConfigSchema {
  const validator: ValidateFunction = createAjv().compile(root);
  const names = new Map<unknown, string>();
  for (const [name, def] of Object.entries((root.$defs ?? {}) as Record<string, unknown>)) names.set(def, name);
  return {
    validate: (data) => (validator(data) ? [] : [...(validator.errors ?? [])]),
    defName: (schema) => names.get(schema),
  };
}
