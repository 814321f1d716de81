import type { AnySchemaObject, ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic, SourceSpan } from '../model/index.js';
import { closestValue, didYouMean } from '../common/did-you-mean.js';
import { listOf } from '../common/words.js';
import { decodePath, keyOf, label, short, typeNoun, valueNoun, where } from './describe.js';
import type { FormatSchema } from './format-schema.js';
import type { Path, YamlFile } from './yaml-file.js';

/** What a keyword's handler gets: the error, where it is, and the file to point into. */
interface ErrorContext {
  error: ErrorObject;
  /** The failing value's place in the file (for `propertyNames`: the key's place). */
  path: Path;
  yaml: YamlFile;
  schema: FormatSchema;
  parent: AnySchemaObject;
}

type Words = Pick<Diagnostic, 'code' | 'message' | 'hint'> & { span?: SourceSpan };
type Handler = (c: ErrorContext) => Words;

/**
 * Diagnostics for a file's (collapsed) schema errors. A missing key that a misspelt key at
 * the same place stands for (`expct` for `expect`) is one problem, reported once as the typo.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], yaml: YamlFile, schema: FormatSchema): Diagnostic[] {
  const typos = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const allowed = Object.keys((e.parentSchema?.properties ?? {}) as object);
    const meant = didYouMean(String(e.params.additionalProperty), allowed);
    if (meant !== undefined) typos.add(`${e.instancePath}\u0000${meant}`);
  }
  return errors
    .filter((e) => e.keyword !== 'required' || !typos.has(`${e.instancePath}\u0000${String(e.params.missingProperty)}`))
    .map((e) => schemaDiagnostic(e, yaml, schema));
}

/**
 * Turns one (collapsed) ajv error into a diagnostic pointing at the key or value it is about,
 * worded for the person who wrote the file.
 */
export function schemaDiagnostic(error: ErrorObject, yaml: YamlFile, schema: FormatSchema): Diagnostic {
  const base = decodePath(error.instancePath, yaml.data);
  const path = error.propertyName === undefined ? base : [...base, error.propertyName];
  const c: ErrorContext = { error, path, yaml, schema, parent: error.parentSchema ?? {} };
  const words = (HANDLERS[error.keyword] ?? fallback)(c);
  const span = words.span ?? (error.propertyName === undefined ? yaml.valueSpan(path) : yaml.keySpan(path));
  const out: Diagnostic = { code: words.code, message: words.message, span, severity: 'error' };
  if (words.hint !== undefined) out.hint = words.hint;
  return out;
}

/** The value the error is about (for `propertyNames`, the key itself). */
function valueOf(c: ErrorContext): unknown {
  return c.error.propertyName ?? c.error.data;
}

/** The schema's title for the failing value, lower-cased: "case id", "requirement level". */
function titleOf(c: ErrorContext): string {
  const title = typeof c.parent.title === 'string' ? c.parent.title : keyOf(c.path);
  return (title.charAt(0).toLowerCase() + title.slice(1)).replace(/^an? /, '');
}

/** A schema description as a hint: no final period, so it can be joined to more advice. */
function descriptionOf(c: ErrorContext | AnySchemaObject | undefined): string | undefined {
  const schema = c !== undefined && 'error' in c ? (c as ErrorContext).parent : c;
  const text = schema?.description;
  return typeof text === 'string' ? text.replace(/\.$/, '') : undefined;
}

/** The lower-case, dash-joined form of an id-like value, offered when it differs. */
function slug(value: unknown, separators: RegExp): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(separators, '-')
    .replace(/-+/g, '-')
    .replace(/(^[-/]+|[-/]+$)/g, '');
  return s !== '' && s !== value ? s : undefined;
}

const SLUGGED: Record<string, RegExp> = { suiteId: /[^a-z0-9/]+/g, caseId: /[^a-z0-9/]+/g, stepName: /[^a-z0-9]+/g, tag: /[^a-z0-9]+/g };

/** Extra advice for values of one `$defs` entry, beyond its description. */
const DEF_HINTS: Record<string, (value: unknown) => string | undefined> = {
  statusClass: (v) => (typeof v === 'string' && /^\d{3}$/.test(v) ? `write the code as a number, without quotes: ${v}` : undefined),
  headerName: () => 'header names are letters, digits and - (RFC 9110 tokens)',
};

const HANDLERS: Record<string, Handler> = {
  additionalProperties: (c) => {
    const key = String(c.error.params.additionalProperty);
    const allowed = Object.keys((c.parent.properties ?? {}) as object);
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
    const prop = ((c.parent.properties ?? {}) as Record<string, AnySchemaObject>)[key];
    const about = descriptionOf(prop) !== undefined ? ` — ${descriptionOf(prop)}` : '';
    return { code: 'missing-key', message: `missing key \`${key}\` in ${where(c.path)}`, hint: `add \`${key}:\`${about}`, span: c.yaml.keySpan(c.path) };
  },

  enum: (c) => {
    const value = valueOf(c);
    const allowed = (c.error.params.allowedValues as unknown[]).map(String);
    const guess = typeof value === 'string' ? closestValue(value, allowed) : undefined;
    const extra = DEF_HINTS[c.schema.defName(c.parent) ?? '']?.(value);
    const list = `${label(c.path)} is one of ${listOf(allowed)}`;
    const hint = extra ?? (guess !== undefined ? `did you mean \`${guess}\`? ${list}` : list);
    return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(value)}\``, hint };
  },

  const: (c) => ({
    code: 'invalid-value',
    message: `${label(c.path)} can only be \`${String(c.error.params.allowedValue)}\`, not \`${short(valueOf(c))}\``,
    hint: `leave ${label(c.path)} out when it does not apply${descriptionOf(c) !== undefined ? `; ${descriptionOf(c)}` : ''}`,
  }),

  type: (c) => {
    const value = valueOf(c);
    const expected = c.error.params.expected as string[] | undefined;
    const types = [c.error.params.type as string | string[]].flat();
    const want = expected !== undefined ? expected.join(expected.length > 2 ? ', ' : ' or ').replace(/, ([^,]*)$/, ' or $1') : typeNoun(types);
    const node = c.yaml.node(c.path);
    const written = node !== undefined ? c.yaml.source(node) : '';
    let hint: string | undefined = descriptionOf(c);
    // A number where only text fits is YAML reading `4.0` as 4: quoting keeps what was written.
    const textOnly = types.includes('string') && !types.includes('integer') && !types.includes('number');
    if (textOnly && (typeof value === 'number' || typeof value === 'boolean')) hint = `YAML reads ${written} as a ${typeof value}; quote it to keep it text: "${written}"`;
    if (value === null) hint = `give ${label(c.path)} a value, or remove the key`;
    const subject = c.path.length === 0 ? 'a suite file' : label(c.path);
    return { code: 'wrong-type', message: `${subject} must be ${want}, not ${valueNoun(value)}`, hint };
  },

  pattern: (c) => {
    const value = valueOf(c);
    const def = c.schema.defName(c.parent) ?? '';
    const separators = SLUGGED[def];
    const suggestion = separators !== undefined ? slug(value, separators) : undefined;
    const advice = DEF_HINTS[def]?.(value) ?? descriptionOf(c);
    const hint = [advice, suggestion !== undefined ? `try \`${suggestion}\`` : undefined].filter((x) => x !== undefined).join('; ');
    return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(value)}\``, hint: hint === '' ? undefined : hint };
  },

  minItems: (c) => ({ code: 'empty', message: `${label(c.path)} is empty`, hint: descriptionOf(c) }),
  minLength: (c) => ({ code: 'empty', message: `${label(c.path)} is empty`, hint: descriptionOf(c) }),

  minProperties: (c) => {
    const keys = Object.keys((c.parent.properties ?? {}) as object);
    return { code: 'empty', message: `${where(c.path)} is empty`, hint: `give one of ${listOf(keys)}` };
  },

  maxProperties: (c) => {
    const keys = Object.keys((c.parent.properties ?? {}) as object);
    return { code: 'invalid-value', message: `${where(c.path)} sets more than one of ${listOf(keys, 'and')}`, hint: `keep one; a value can be checked in one way per entry` };
  },

  uniqueItems: (c) => {
    const j = Number(c.error.params.j);
    const item = Array.isArray(c.error.data) ? c.error.data[j] : undefined;
    return { code: 'duplicate-item', message: `${label(c.path)} lists \`${short(item)}\` twice`, hint: 'remove the repeated item', span: c.yaml.valueSpan([...c.path, Number(c.error.params.i)]) };
  },

  minimum: (c) => ({ code: 'invalid-value', message: `${label(c.path)} must be at least ${String(c.error.params.limit)}, not ${short(valueOf(c))}`, hint: descriptionOf(c) }),
  maximum: (c) => ({ code: 'invalid-value', message: `${label(c.path)} must be at most ${String(c.error.params.limit)}, not ${short(valueOf(c))}`, hint: descriptionOf(c) }),
};

function fallback(c: ErrorContext): Words {
  return { code: 'invalid-value', message: `${label(c.path)} ${c.error.message ?? 'is not valid'}`, hint: descriptionOf(c) };
}
