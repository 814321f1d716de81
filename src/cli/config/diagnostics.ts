import type { ErrorObject } from 'ajv/dist/2020.js';
import { descriptionOf, labelOf, schemaDiagnostics, type DocumentWords, type ErrorContext, type Words } from '../../common/schema-diagnostics.js';
import { keyOf } from '../../common/schema-words.js';
import type { YamlFile } from '../../load/index.js';
import type { Diagnostic, SourceSpan } from '../../model/index.js';
import type { ConfigSchema } from './schema.js';
import { where } from './words.js';

/**
 * The config schema's errors as diagnostics, through the shared translator
 * (src/common/schema-diagnostics.ts) with the config file's nouns. A value under a secret key
 * is never quoted: it may be the secret itself.
 */
export function configDiagnostics(errors: readonly ErrorObject[], yaml: YamlFile, schema: ConfigSchema): Diagnostic[] {
  const words: DocumentWords<SourceSpan> = {
    noun: 'the config file',
    defName: (s) => schema.defName(s),
    where,
    refine,
    rootHint: 'a config file maps `targets:` to named targets; see docs/configuration.md',
  };
  return schemaDiagnostics(errors, yaml, words);
}

/** Config advice: secrets are referred to, never written; the sign-in reference has its own words. */
function refine(c: ErrorContext<SourceSpan>): Words<SourceSpan> | undefined {
  const value = c.error.data;
  const secretRef = c.def === 'secretRef';
  switch (c.error.keyword) {
    case 'type':
      return secretRef && value !== null && typeof value !== 'object' ? inlineSecret(c) : undefined;
    case 'pattern':
      // A value that is no variable name is likely the secret itself, pasted where its name belongs.
      return keyOf(c.path) === 'env' ? { code: 'invalid-value', message: '`env` must name an environment variable, not hold the secret', hint: `${descriptionOf(c.parent) ?? ''}; put the secret in that variable` } : undefined;
    case 'minProperties':
      return secretRef
        ? { code: 'empty', message: `${labelOf(c)} is empty`, hint: 'give `env: NAME` (an environment variable) or `file: PATH` (a file holding the secret)' }
        : { code: 'empty', message: `${labelOf(c)} is empty`, hint: 'add a target, e.g. `contoso: { target: https://graph.microsoft.com/v1.0, token: { env: CONTOSO_TOKEN } }`' };
    case 'maxProperties':
      return { code: 'invalid-value', message: `${labelOf(c)} gives both \`env\` and \`file\``, hint: 'keep one: the secret comes from one place' };
    default:
      return undefined;
  }
}

/** A secret written into the file: refused, named without its value, with the reference to write instead. */
function inlineSecret(c: ErrorContext<SourceSpan>): Words<SourceSpan> {
  const key = keyOf(c.path);
  const target = c.path[1] !== undefined ? String(c.path[1]) : 'target';
  const variable = `${target.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${key.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase()}`;
  return {
    code: 'inline-secret',
    message: `\`${key}\` holds a secret written into the config file; the file may only say where the secret is`,
    hint: `move the value to an environment variable or a file outside version control, and refer to it: \`${key}: { env: ${variable} }\` or \`${key}: { file: ./secrets/${target}.txt }\``,
  };
}
