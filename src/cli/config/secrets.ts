import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { didYouMean } from '../../common/did-you-mean.js';
import { addSecrets } from '../../common/redact.js';
import type { YamlFile } from '../../load/index.js';
import type { Diagnostic } from '../../model/index.js';
import { SECRET_KEYS } from './keys.js';
import { reason } from './locate.js';

/** `{ env: NAME }` or `{ file: PATH }`, as the schema lets them through. */
export type SecretRef = { env: string } | { file: string };

/** Where a reference sits in the file, for messages: the target and the key. */
export interface RefPlace {
  yaml: YamlFile;
  /** Folder relative file paths start from. */
  dir: string;
  target: string;
  key: string;
}

/**
 * The secret a reference points at, or why it cannot be had. Messages name the variable or
 * the file and the key that refers to it, never the value.
 */
export function resolveSecret(ref: SecretRef, place: RefPlace, env: Record<string, string | undefined>): { value: string } | { problem: Diagnostic } {
  const at = ['targets', place.target, ...place.key.split('.')];
  if ('env' in ref) {
    const value = env[ref.env]?.trim();
    if (value) return secret(value);
    const state = env[ref.env] === undefined ? 'is not set' : 'is empty';
    return problem('unset-secret-variable', `\`${place.key}\` of target \`${place.target}\` refers to the environment variable \`${ref.env}\`, which ${state}`, `set ${ref.env} before running gsc (in CI, from the pipeline's secret store), or refer to a file: \`${place.key}: { file: PATH }\``, place.yaml, [...at, 'env']);
  }
  let text: string;
  try {
    text = readFileSync(resolve(place.dir, ref.file), 'utf8').trim();
  } catch (err) {
    const why = reason((err as NodeJS.ErrnoException).code, err);
    return problem('unreadable-secret-file', `cannot read \`${ref.file}\`, the file \`${place.key}\` of target \`${place.target}\` refers to: ${why}`, `a relative path starts at the config file's folder (${place.dir}); or refer to an environment variable: \`${place.key}: { env: NAME }\``, place.yaml, [...at, 'file']);
  }
  if (text === '') return problem('empty-secret-file', `\`${ref.file}\`, the file \`${place.key}\` of target \`${place.target}\` refers to, is empty`, 'write the secret into it, alone on its first line', place.yaml, [...at, 'file']);
  return secret(text);
}

/** A secret read for a target, hidden from everything printed from now on. */
function secret(value: string): { value: string } {
  addSecrets(value);
  return { value };
}

/** A file path a target names (a certificate), checked readable now so the message points at the line. */
export function resolvePath(path: string, place: RefPlace): { value: string } | { problem: Diagnostic } {
  const full = resolve(place.dir, path);
  try {
    readFileSync(full);
  } catch (err) {
    const why = reason((err as NodeJS.ErrnoException).code, err);
    return problem('unreadable-file', `cannot read \`${path}\`, the file \`${place.key}\` of target \`${place.target}\` names: ${why}`, `a relative path starts at the config file's folder (${place.dir})`, place.yaml, ['targets', place.target, place.key]);
  }
  return { value: full };
}

function problem(code: string, message: string, hint: string, yaml: YamlFile, path: (string | number)[]): { problem: Diagnostic } {
  return { problem: { code, message, hint, span: yaml.valueSpan(path), severity: 'error' } };
}

// Loose on purpose: a misspelt `clientSecrt:` holds a secret just the same.
const SECRETISH_LINE = /^(\s*(?:-\s+)?["']?[\w$-]*(?:secr|token|passw|pwd)[\w$-]*["']?\s*:[ \t]+)(.*)$/i;
const FLOW_VALUE = /(\b(?!env\b|file\b)[\w$-]+\s*:\s*)([^,}\s][^,}]*)/g;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The file's text as messages may show it: every value that is or may be a secret is replaced
 * by `*` of the same length (so carets stay in place). Written references stay readable.
 * Works line by line for keys that look secret even when the YAML does not parse, and through
 * the parsed file for the secret keys' nested values.
 */
export function maskSecrets(text: string, yaml?: YamlFile): string {
  // Code units, not code points: YAML ranges and line lengths count in code units.
  const chars = text.split('');
  const mask = (start: number, end: number): void => {
    for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = '*';
  };
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = SECRETISH_LINE.exec(line);
    const value = m?.[2] ?? '';
    const start = offset + (m?.[1]?.length ?? 0);
    if (m && value.startsWith('{')) {
      for (const f of value.matchAll(FLOW_VALUE)) {
        const at = start + (f.index ?? 0) + (f[1]?.length ?? 0);
        mask(at, at + (f[2]?.trimEnd().length ?? 0));
      }
    } else if (m && value !== '' && !value.startsWith('#') && !/^[|>]/.test(value)) {
      mask(start, start + value.trimEnd().length);
    }
    offset += line.length + 1;
  }
  if (yaml !== undefined) for (const [start, end] of secretRanges(yaml)) mask(start, end);
  return chars.join('');
}

/**
 * Offsets of the values under the secret keys of every target (or keys misspelt from them)
 * that are not plain references.
 */
function secretRanges(yaml: YamlFile): [number, number][] {
  const out: [number, number][] = [];
  const targets = yaml.node(['targets']);
  if (targets?.kind !== 'map') return out;
  for (const pair of targets.pairs) {
    if (pair.value?.kind !== 'map') continue;
    const keys = pair.value.pairs.map((p) => String(p.key.value)).filter((k) => SECRET_KEYS.includes(k) || didYouMean(k, SECRET_KEYS) !== undefined);
    for (const key of keys) {
      const node = yaml.node(['targets', String(pair.key.value), key]);
      if (node?.kind === 'scalar') out.push([node.start, node.end]);
      if (node?.kind !== 'map') continue;
      for (const inner of node.pairs) {
        const name = String(inner.key.value);
        const value = inner.value;
        if (value?.kind !== 'scalar') continue;
        const reference = name === 'file' || (name === 'env' && VARIABLE.test(String(value.value)));
        if (!reference) out.push([value.start, value.end]);
      }
    }
  }
  return out;
}
