/**
 * The small languages inside suite values: `{{variable}}` templates, durations, JSON pointers.
 * The run reads the same syntax (src/execute/template.ts): `{{ name }}`, spaces allowed.
 */

/** One `{{…}}` in a template: the name inside (trimmed), and where the braces start. */
export interface TemplateReference {
  name: string;
  /** The whole reference as written, `{{ jobId }}`. */
  text: string;
  /** Offset of `{{` in the template string. */
  index: number;
  /** False when the inside is not a variable name (`{{job id}}`, `{{}}`). */
  wellFormed: boolean;
}

const REFERENCE = /\{\{(.*?)\}\}/g;
const NAME = /^(?:(?:vars|secrets)\.)?[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The namespaces of user variables: `{{vars.name}}` is given by the user (`--var name=value`,
 * `GSC_VAR_<NAME>`, a config target's `vars:`), `{{secrets.name}}` likewise but only from the
 * environment or a file, and redacted everywhere. The run skips a case whose variable is missing.
 */
export const USER_VARIABLE_PREFIXES = ['vars.', 'secrets.'] as const;

/** True for `vars.name` and `secrets.name`: a variable the user gives, not the run or a capture. */
export function isUserVariable(name: string): boolean {
  return USER_VARIABLE_PREFIXES.some((p) => name.startsWith(p));
}

/** Every `{{…}}` in a string, well formed or not. */
export function templateReferences(text: string): TemplateReference[] {
  return [...text.matchAll(REFERENCE)].map((m) => {
    const name = (m[1] ?? '').trim();
    return { name, text: m[0], index: m.index ?? 0, wellFormed: NAME.test(name) };
  });
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/**
 * `500ms`, `30s`, `2m`, or a whole number of milliseconds, to milliseconds.
 * Undefined for anything else, including 0 (an interval of 0 would poll without pause).
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^([1-9][0-9]*)(ms|s|m)$/.exec(value.trim());
  if (m === null) return undefined;
  return Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1);
}

/**
 * Why a string is not an RFC 6901 JSON pointer, or undefined when it is one.
 * `""` (the whole document) and `/a/b~1c` are pointers; `id`, `/a~2` are not.
 */
export function pointerProblem(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  if (!pointer.startsWith('/')) return 'a JSON pointer starts with `/`';
  if (/~(?![01])/.test(pointer)) return '`~` must be written `~0`, and `/` inside a name `~1`';
  return undefined;
}

/** The value a JSON pointer names in `doc`, or undefined when it names nothing. */
export function resolvePointer(doc: unknown, pointer: string): { value: unknown } | undefined {
  if (pointer === '') return { value: doc };
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at) && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < at.length) at = at[Number(key)];
    else if (at !== null && typeof at === 'object' && !Array.isArray(at) && Object.hasOwn(at, key)) at = (at as Record<string, unknown>)[key];
    else return undefined;
  }
  return { value: at };
}
