import type { ErrorObject } from 'ajv/dist/2020.js';
import { descriptionOf, schemaDiagnostics as translate, titleOf, valueOf, type DocumentWords, type ErrorContext, type Words } from '../common/schema-diagnostics.js';
import { short } from '../common/schema-words.js';
import type { Diagnostic, SourceSpan } from '../model/index.js';
import { where } from './describe.js';
import type { FormatSchema } from './format-schema.js';
import type { YamlFile } from './yaml-file.js';

/**
 * Diagnostics for a suite file's (collapsed) schema errors, through the shared translator
 * (src/common/schema-diagnostics.ts) with the suite's nouns and its extra advice.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], yaml: YamlFile, schema: FormatSchema): Diagnostic[] {
  return translate(errors, yaml, suiteWords(schema));
}

/** One (collapsed) ajv error as a diagnostic. */
export function schemaDiagnostic(error: ErrorObject, yaml: YamlFile, schema: FormatSchema): Diagnostic {
  return translate([error], yaml, suiteWords(schema))[0]!;
}

function suiteWords(schema: FormatSchema): DocumentWords<SourceSpan> {
  return {
    noun: 'the suite file',
    defName: (s) => schema.defName(s),
    where: (path) => where(path),
    refine,
  };
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

/** Suite advice: a status written as text, a header name, an id with the slug to write instead. */
function refine(c: ErrorContext<SourceSpan>): Words<SourceSpan> | undefined {
  const value = valueOf(c);
  const def = c.def ?? '';
  const extra = DEF_HINTS[def]?.(value);
  if (c.error.keyword === 'enum' && extra !== undefined) return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(value)}\``, hint: extra };
  if (c.error.keyword !== 'pattern') return undefined;
  const separators = SLUGGED[def];
  const suggestion = separators !== undefined ? slug(value, separators) : undefined;
  const hint = [extra ?? descriptionOf(c.parent), suggestion !== undefined ? `try \`${suggestion}\`` : undefined].filter((x) => x !== undefined).join('; ');
  return { code: 'invalid-value', message: `invalid ${titleOf(c)} \`${short(value)}\``, hint };
}
