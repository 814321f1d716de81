import type { Step } from '../model/index.js';
import { isUserVariable, templateReferences } from '../common/template.js';

/**
 * The user variables (`vars.name`, `secrets.name`) that steps read, each once, in order of first
 * use. Every string of a request and an expectation is searched: only templates hold `{{…}}`.
 */
export function userVariablesOf(steps: readonly Step[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      // Most strings hold no template; the spans' file names are walked too.
      if (!value.includes('{{')) return;
      for (const ref of templateReferences(value)) if (ref.wellFormed && isUserVariable(ref.name)) found.add(ref.name);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const s of steps) {
    walk(s.request);
    walk(s.expect);
  }
  return [...found];
}
