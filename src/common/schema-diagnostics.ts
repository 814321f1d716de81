/**
 * ajv errors as diagnostics at file:line:col, worded for the person who wrote the file. One
 * translator for every YAML file the tool validates against a schema (suite files, the config
 * file); each caller names its document and adds the wording only it needs.
 */
import type { AnySchemaObject, ErrorObject } from 'ajv/dist/2020.js';
import { closestValue, didYouMean } from './did-you-mean.js';
import { parseDuration } from './duration.js';
import { decodePath, keyOf, label, short, typeNoun, valueNoun, type Path } from './schema-words.js';
import { listOf } from './words.js';

/** What the translator reads of a parsed YAML file: its data, and where a key or value is. */
export interface SpannedDocument<Span, Node = unknown> {
  readonly data: unknown;
  keySpan(path: Path): Span;
  valueSpan(path: Path): Span;
  node(path: Path): Node | undefined;
  source(node: Node): string;
}

/** A problem found by the schema, with the place it is about. */
export interface SchemaDiagnostic<Span> {
  code: string;
  message: string;
  hint?: string;
  span: Span;
  severity: 'error';
}

/** A handler's wording; `span` when the diagnostic points elsewhere than the failing value. */
export type Words<Span> = { code: string; message: string; hint?: string | undefined; span?: Span };

/** What a keyword's handler gets: the error, where its value is, and the file to point into. */
export interface ErrorContext<Span> {
  error: ErrorObject;
  /** The failing value's place in the file (for `propertyNames`: the key's place). */
  path: Path;
  doc: SpannedDocument<Span>;
  /** The schema holding the failing keyword. */
  parent: AnySchemaObject;
  /** Its `$defs` name, when it is one. */
  def: string | undefined;
  /** How the caller names places. */
  words: DocumentWords<Span>;
}

/** What differs from one kind of file to another. */
export interface DocumentWords<Span> {
  /** The whole document in a message: "the suite file", "the config file". */
  noun: string;
  /** The `$defs` name of a subschema, when it is one. */
  defName(schema: unknown): string | undefined;
  /** A mapping at `path` as a noun phrase ("a step", "target `lab`"); undefined for the usual wording. */
  where?(path: Path): string | undefined;
  /** The wording this file's errors need beyond the shared one; undefined falls back to it. */
  refine?(c: ErrorContext<Span>): Words<Span> | undefined;
  /** Said when the whole document has the wrong type: what the file should hold. */
  rootHint?: string;
}

/**
 * The diagnostics for a document's schema errors (unions already collapsed by the caller). A
 * missing key that a misspelt key at the same place stands for (`expct` for `expect`) is one
 * problem, reported once as the typo. `propertyNames` errors are left out: the key they are
 * about is reported by `additionalProperties` or a check.
 */
export function schemaDiagnostics<Span>(errors: readonly ErrorObject[], doc: SpannedDocument<Span>, words: DocumentWords<Span>): SchemaDiagnostic<Span>[] {
  const typos = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const meant = didYouMean(String(e.params.additionalProperty), keysOf(e.parentSchema));
    if (meant !== undefined) typos.add(`${e.instancePath}\u0000${meant}`);
  }
  return errors
    .filter((e) => e.keyword !== 'propertyNames' && !(e.keyword === 'required' && typos.has(`${e.instancePath}\u0000${String(e.params.missingProperty)}`)))
    .map((e) => schemaDiagnostic(e, doc, words));
}

/** One ajv error as a diagnostic pointing at the key or value it is about. */
export function schemaDiagnostic<Span>(error: ErrorObject, doc: SpannedDocument<Span>, words: DocumentWords<Span>): SchemaDiagnostic<Span> {
  const base = decodePath(error.instancePath, doc.data);
  const path = error.propertyName === undefined ? base : [...base, error.propertyName];
  const parent = error.parentSchema ?? {};
  const c: ErrorContext<Span> = { error, path, doc, parent, def: words.defName(parent), words };
  const said = words.refine?.(c) ?? DEF_WORDS[c.def ?? '']?.(c) ?? (HANDLERS[error.keyword] ?? fallback)(c);
  const span = said.span ?? (error.propertyName === undefined ? doc.valueSpan(path) : doc.keySpan(path));
  const out: SchemaDiagnostic<Span> = { code: said.code, message: said.message, span, severity: 'error' };
  if (said.hint !== undefined && said.hint !== '') out.hint = said.hint;
  return out;
}

/** The value the error is about (for `propertyNames`, the key itself). */
export function valueOf<S>(c: ErrorContext<S>): unknown {
  return c.error.propertyName ?? c.error.data;
}

/** The mapping at `path` as a noun phrase: "the suite file", "`request`". */
export function where<S>(c: ErrorContext<S>, path: Path = c.path): string {
  return c.words.where?.(path) ?? (path.length === 0 ? c.words.noun : label(path, c.words.noun));
}

/** The value at `path` named for a message: "`method`", "item 2 of `status`". */
export function labelOf<S>(c: ErrorContext<S>, path: Path = c.path): string {
  return label(path, c.words.noun);
}

/** The schema's title for the failing value, mid-sentence: "case id", "target URL". */
export function titleOf<S>(c: ErrorContext<S>): string {
  const title = typeof c.parent.title === 'string' ? c.parent.title : keyOf(c.path);
  // "Target URL" reads "target URL" mid-sentence; an acronym ("URL") keeps its capitals.
  const lowered = /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
  return lowered.replace(/^an? /, '');
}

/** A schema's description as a hint: no final period, so it can be joined to more advice. */
export function descriptionOf(schema: AnySchemaObject | undefined): string | undefined {
  const text = schema?.description;
  return typeof text === 'string' ? text.replace(/\.$/, '') : undefined;
}

function keysOf(schema: AnySchemaObject | undefined): string[] {
  return Object.keys((schema?.properties ?? {}) as object);
}

/** Wording for values of a shared `$defs` entry, whatever the keyword that failed. */
const DEF_WORDS: Record<string, <S>(c: ErrorContext<S>) => Words<S> | undefined> = {
  // The one duration grammar says what is wrong, bare numbers included (`timeout: 30`).
  duration: (c) => {
    const parsed = parseDuration(valueOf(c));
    return 'problem' in parsed ? { code: 'invalid-duration', message: `invalid ${titleOf(c)} \`${short(valueOf(c))}\``, hint: parsed.problem } : undefined;
  },
};

/** `<<` is a merge key only in YAML 1.1; in 1.2, which files are read as unless they say otherwise, it is an ordinary key. */
const MERGE_KEY_HINT = 'YAML 1.2 has no merge keys, so `<<` is read as a key of its own: write the keys out, or start the file with `%YAML 1.1` and `---` to merge';

const HANDLERS: Record<string, <S>(c: ErrorContext<S>) => Words<S>> = {
  additionalProperties: (c) => {
    const key = String(c.error.params.additionalProperty);
    const allowed = keysOf(c.parent);
    const guess = didYouMean(key, allowed);
    return {
      code: 'unknown-key',
      message: `unknown key \`${key}\` in ${where(c)}`,
      hint: key === '<<' ? MERGE_KEY_HINT : guess !== undefined ? `did you mean \`${guess}\`?` : `the keys of ${where(c)} are ${listOf(allowed, 'and')}`,
      span: c.doc.keySpan([...c.path, key]),
    };
  },

  required: (c) => {
    const key = String(c.error.params.missingProperty);
    const about = descriptionOf((c.parent.properties as Record<string, AnySchemaObject> | undefined)?.[key]);
    return { code: 'missing-key', message: `missing key \`${key}\` in ${where(c)}`, hint: `add \`${key}:\`${about !== undefined ? ` — ${about}` : ''}`, span: c.doc.keySpan(c.path) };
  },

  enum: (c) => {
    const value = valueOf(c);
    const allowed = (c.error.params.allowedValues as unknown[]).map(String);
    const guess = typeof value === 'string' ? closestValue(value, allowed) : undefined;
    const list = `${labelOf(c)} is one of ${listOf(allowed)}`;
    return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(value)}\``, hint: guess !== undefined ? `did you mean \`${guess}\`? ${list}` : list };
  },

  const: (c) => {
    const about = descriptionOf(c.parent);
    return {
      code: 'invalid-value',
      message: `${labelOf(c)} can only be \`${String(c.error.params.allowedValue)}\`, not \`${short(valueOf(c))}\``,
      hint: `leave ${labelOf(c)} out when it does not apply${about !== undefined ? `; ${about}` : ''}`,
    };
  },

  type: (c) => {
    const value = valueOf(c);
    const expected = c.error.params.expected as string[] | undefined;
    const types = [c.error.params.type as string | string[]].flat();
    const want = expected !== undefined ? expected.join(expected.length > 2 ? ', ' : ' or ').replace(/, ([^,]*)$/, ' or $1') : typeNoun(types);
    const node = c.doc.node(c.path);
    const written = node !== undefined ? c.doc.source(node) : '';
    const numeric = types.includes('integer') || types.includes('number');
    let hint = descriptionOf(c.parent);
    // A number where only text fits is YAML reading `4.0` as 4: quoting keeps what was written.
    if (types.includes('string') && !numeric && (typeof value === 'number' || typeof value === 'boolean')) hint = `YAML reads ${written} as a ${typeof value}; quote it to keep it text: "${written}"`;
    else if (numeric && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) hint = `write the number without quotes: ${value.trim()}`;
    else if (types.includes('boolean') && typeof value === 'string') hint = `write \`true\` or \`false\`; YAML reads ${written} as text`;
    // `status:200` is one string to YAML: a key needs a space after its colon.
    else if (types.includes('object') && typeof value === 'string' && /^[^\s:]+:[^\s/]/.test(value)) hint = `put a space after the \`:\` (\`${value.replace(':', ': ')}\`); without one, YAML reads \`${value}\` as text, not as a key and its value`;
    if (value === null) hint = `give ${labelOf(c)} a value, or remove the key`;
    if (c.path.length === 0 && c.words.rootHint !== undefined) hint = c.words.rootHint;
    return { code: 'wrong-type', message: `${labelOf(c)} must be ${want}, not ${valueNoun(value)}`, hint };
  },

  pattern: (c) => ({ code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(valueOf(c))}\``, hint: descriptionOf(c.parent) }),

  minItems: (c) => ({ code: 'empty', message: `${labelOf(c)} is empty`, hint: descriptionOf(c.parent) }),
  minLength: (c) => ({ code: 'empty', message: `${labelOf(c)} is empty`, hint: descriptionOf(c.parent) }),
  minProperties: (c) => ({ code: 'empty', message: `${where(c)} is empty`, hint: `give one of ${listOf(keysOf(c.parent))}` }),
  maxProperties: (c) => ({ code: 'invalid-value', message: `${where(c)} sets more than one of ${listOf(keysOf(c.parent), 'and')}`, hint: 'keep one; a value can be checked in one way per entry' }),

  uniqueItems: (c) => {
    const j = Number(c.error.params.j);
    const item = Array.isArray(c.error.data) ? c.error.data[j] : undefined;
    return { code: 'duplicate-item', message: `${labelOf(c)} lists \`${short(item)}\` twice`, hint: 'remove the repeated item', span: c.doc.valueSpan([...c.path, Number(c.error.params.i)]) };
  },

  minimum: (c) => ({ code: 'invalid-value', message: `${labelOf(c)} must be at least ${String(c.error.params.limit)}, not ${short(valueOf(c))}`, hint: descriptionOf(c.parent) }),
  maximum: (c) => ({ code: 'invalid-value', message: `${labelOf(c)} must be at most ${String(c.error.params.limit)}, not ${short(valueOf(c))}`, hint: descriptionOf(c.parent) }),
  exclusiveMinimum: (c) => ({ code: 'invalid-value', message: `${labelOf(c)} must be above ${String(c.error.params.limit)}, not ${short(valueOf(c))}`, hint: descriptionOf(c.parent) }),
};

function fallback<S>(c: ErrorContext<S>): Words<S> {
  return { code: 'invalid-value', message: `${labelOf(c)} ${c.error.message ?? 'is not valid'}`, hint: descriptionOf(c.parent) };
}
