import { referencedVariables, substituteTemplate } from '../common/template.js';
import type { Template, TemplateJson } from '../model/index.js';

/** Raised when a template names a variable that has no value at run time (a capture that never happened). */
export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`variable \`${variable}\` has no value: the step that captures it did not run or found nothing`);
  }
}

export { referencedVariables };

/** Substitutes every `{{name}}`; throws {@link MissingVariableError} for a name without a value. */
export function resolveTemplate(text: Template, vars: ReadonlyMap<string, string>): string {
  return substituteTemplate(text, (name) => {
    const value = vars.get(name);
    if (value === undefined) throw new MissingVariableError(name);
    return value;
  });
}

/** Substitutes templates in every string of a JSON value (keys are left alone). */
export function resolveJson(value: TemplateJson, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return resolveTemplate(value, vars);
  if (Array.isArray(value)) return value.map((v) => resolveJson(v, vars));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveJson(v, vars);
    return out;
  }
  return value;
}

/** True when every variable the text references has a value. */
export function canResolve(text: string, vars: ReadonlyMap<string, string>): boolean {
  return referencedVariables(text).every((n) => vars.has(n));
}
