import type { AnySchemaObject, ErrorObject } from 'ajv/dist/2020.js';
import { didYouMean } from '../../common/did-you-mean.js';
import type { Path, YamlFile } from '../../load/index.js';
import type { Diagnostic, SourceSpan } from '../../model/index.js';
import type { ConfigSchema } from './schema.js';
import { decodePath, keyOf, label, listOf, short, typeNoun, valueNoun, where } from './words.js';

/** What a keyword's handler gets: the error, where its value is, and the file to point into. */
interface ErrorContext {
  error: ErrorObject;
  path: Path;
  yaml: YamlFile;
  parent: AnySchemaObject;
  def: string | undefined;
}

type Words = Pick<Diagnostic, 'code' | 'message' | 'hint'> & { span?: SourceSpan };

/**
 * The config schema's errors as diagnostics worded for the person who wrote the file. A
 * missing key that a misspelt key at the same place stands for is reported once, as the typo.
 * A value under a secret key is never quoted: it may be the secret itself.
 */
export function configDiagnostics(errors: readonly ErrorObject[], yaml: YamlFile, schema: ConfigSchema): Diagnostic[] {
  const typos = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const meant = didYouMean(String(e.params.additionalProperty), keysOf(e.parentSchema));
    if (meant !== undefined) typos.add(`${e.instancePath}\u0000${meant}`);
  }
  return errors
    .filter((e) => e.keyword !== 'propertyNames' && !(e.keyword === 'required' && typos.has(`${e.instancePath}\u0000${String(e.params.missingProperty)}`)))
    .map((error) => {
      const base = decodePath(error.instancePath, yaml.data);
      const path = error.propertyName === undefined ? base : [...base, error.propertyName];
      const parent = error.parentSchema ?? {};
      const words = (HANDLERS[error.keyword] ?? fallback)({ error, path, yaml, parent, def: schema.defName(parent) });
      const span = words.span ?? (error.propertyName === undefined ? yaml.valueSpan(path) : yaml.keySpan(path));
      const out: Diagnostic = { code: words.code, message: words.message, span, severity: 'error' };
      if (words.hint !== undefined) out.hint = words.hint;
      return out;
    });
}

const HANDLERS: Record<string, (c: ErrorContext) => Words> = {
  additionalProperties: (c) => {
    const key = String(c.error.params.additionalProperty);
    const allowed = keysOf(c.parent);
    const guess = didYouMean(key, allowed);
    return {
      code: 'unknown-key',
      message: `unknown key \`${key}\` in ${where(c.path)}`,
      hint: guess !== undefined ? `did you mean \`${guess}\`?` : `the keys of ${where(c.path)} are ${listOf(allowed, 'and')}`,
      span: c.yaml.keySpan([...c.path, key]),
    };
  },

  required: (c) => {
    const key = String(c.error.params.missingProperty);
    const about = describe((c.parent.properties as Record<string, AnySchemaObject> | undefined)?.[key]);
    return { code: 'missing-key', message: `missing key \`${key}\` in ${where(c.path)}`, hint: `add \`${key}:\`${about !== undefined ? ` — ${about}` : ''}`, span: c.yaml.keySpan(c.path) };
  },

  type: (c) => {
    const value = c.error.data;
    if (c.def === 'secretRef' && value !== null && typeof value !== 'object') return inlineSecret(c);
    const types = [c.error.params.type as string | string[]].flat();
    const node = c.yaml.node(c.path);
    const written = node !== undefined ? c.yaml.source(node) : '';
    let hint = describe(c.parent);
    if (c.def === 'duration' && typeof value === 'number') hint = `write the unit: ${value}ms, ${value}s or ${value}m`;
    else if (types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) hint = `YAML reads ${written} as a ${typeof value}; quote it to keep it text: "${written}"`;
    else if ((types.includes('integer') || types.includes('number')) && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) hint = `write the number without quotes: ${value.trim()}`;
    else if (types.includes('boolean') && typeof value === 'string') hint = `write \`true\` or \`false\`; YAML reads ${written} as text`;
    if (value === null) hint = `give ${label(c.path)} a value, or remove the key`;
    if (c.path.length === 0) hint = 'a config file maps `targets:` to named targets; see docs/configuration.md';
    return { code: 'wrong-type', message: `${label(c.path)} must be ${typeNoun(types)}, not ${valueNoun(value)}`, hint };
  },

  enum: (c) => {
    const allowed = (c.error.params.allowedValues as unknown[]).map(String);
    const guess = typeof c.error.data === 'string' ? didYouMean(c.error.data, allowed) : undefined;
    const list = `${label(c.path)} is one of ${listOf(allowed)}`;
    return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(c.error.data)}\``, hint: guess !== undefined ? `did you mean \`${guess}\`? ${list}` : list };
  },

  pattern: (c) => {
    // A value that is no variable name is likely the secret itself, pasted where its name belongs.
    if (keyOf(c.path) === 'env') return { code: 'invalid-value', message: '`env` must name an environment variable, not hold the secret', hint: `${describe(c.parent) ?? ''}; put the secret in that variable` };
    const value = c.error.propertyName ?? c.error.data;
    return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(value)}\``, hint: describe(c.parent) };
  },

  minLength: (c) => ({ code: 'empty', message: `${label(c.path)} is empty`, hint: describe(c.parent) }),

  minProperties: (c) =>
    c.def === 'secretRef'
      ? { code: 'empty', message: `${label(c.path)} is empty`, hint: 'give `env: NAME` (an environment variable) or `file: PATH` (a file holding the secret)' }
      : { code: 'empty', message: `${label(c.path)} is empty`, hint: 'add a target, e.g. `contoso: { target: https://graph.microsoft.com/v1.0, token: { env: CONTOSO_TOKEN } }`' },

  maxProperties: (c) => ({ code: 'invalid-value', message: `${label(c.path)} gives both \`env\` and \`file\``, hint: 'keep one: the secret comes from one place' }),

  minimum: (c) => ({ code: 'invalid-value', message: `${label(c.path)} must be at least ${String(c.error.params.limit)}, not ${short(c.error.data)}`, hint: describe(c.parent) }),
  exclusiveMinimum: (c) => ({ code: 'invalid-value', message: `${label(c.path)} must be above ${String(c.error.params.limit)}, not ${short(c.error.data)}`, hint: describe(c.parent) }),
};

/** A secret written into the file: refused, named without its value, with the reference to write instead. */
function inlineSecret(c: ErrorContext): Words {
  const key = keyOf(c.path);
  const target = c.path[1] !== undefined ? String(c.path[1]) : 'target';
  const variable = `${target.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${key.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase()}`;
  return {
    code: 'inline-secret',
    message: `\`${key}\` holds a secret written into the config file; the file may only say where the secret is`,
    hint: `move the value to an environment variable or a file outside version control, and refer to it: \`${key}: { env: ${variable} }\` or \`${key}: { file: ./secrets/${target}.txt }\``,
  };
}

function fallback(c: ErrorContext): Words {
  return { code: 'invalid-value', message: `${label(c.path)} ${c.error.message ?? 'is not valid'}`, hint: describe(c.parent) };
}

function titleOf(c: ErrorContext): string {
  const title = typeof c.parent.title === 'string' ? c.parent.title : keyOf(c.path);
  // "Target URL" reads "target URL" mid-sentence; an acronym ("URL") keeps its capitals.
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

function keysOf(schema: AnySchemaObject | undefined): string[] {
  return Object.keys((schema?.properties ?? {}) as object);
}

/** A schema's description as a hint. */
function describe(schema: AnySchemaObject | undefined): string | undefined {
  return typeof schema?.description === 'string' ? schema.description : undefined;
}
