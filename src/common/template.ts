/**
 * The `{{variable}}` template grammar, the one the loader checks and the run substitutes:
 * `{{name}}` or `{{ name }}`, a name of letters, digits and `_` that does not start with a digit,
 * or a user variable: `{{vars.name}}`, `{{secrets.name}}`.
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

/** Every `{{…}}` in a string, well formed or not, in order of appearance. */
export function templateReferences(text: string): TemplateReference[] {
  return [...text.matchAll(REFERENCE)].map((m) => {
    const name = (m[1] ?? '').trim();
    return { name, text: m[0], index: m.index, wellFormed: NAME.test(name) };
  });
}

/** The variable names a template references, in order; malformed references are not names. */
export function referencedVariables(text: string): string[] {
  return templateReferences(text).filter((r) => r.wellFormed).map((r) => r.name);
}

/**
 * Replaces every well-formed reference with `value(name, written)`, `written` being the
 * reference as it stands (`{{ jobId }}`); a malformed one stays as written (the loader has
 * refused it before any run).
 */
export function substituteTemplate(text: string, value: (name: string, written: string) => string): string {
  return text.replace(REFERENCE, (whole: string, inside: string) => {
    const name = inside.trim();
    return NAME.test(name) ? value(name, whole) : whole;
  });
}
