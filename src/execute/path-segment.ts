import { substituteTemplate } from '../common/template.js';
import { MissingVariableError } from './template.js';

/**
 * Why `value` cannot stand as one segment of a request path, or undefined when it can. A value
 * from an answer (a job id) is the target's to choose: one that climbs out of its collection
 * (`..`, a `/`), hides a line break, or is not valid Unicode must never become a path, or a
 * hostile target could point the run's own DELETE, with its token, at any object.
 */
export function unusableSegment(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (value === '.' || value === '..') return 'is a dot segment, which a URL resolves to the collection or its parent';
  if (/[/\\]/.test(value)) return 'holds a path separator (/ or \\)';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a control character';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) return 'holds a lone surrogate, so it is not valid Unicode';
  return undefined;
}

/** A value that {@link unusableSegment} refuses, named with the variable it came in. */
export class UnusableValueError extends Error {
  constructor(readonly variable: string, readonly reason: string) {
    super(`variable \`${variable}\` cannot go into a request path: its value ${reason}`);
  }
}

/**
 * The path of a request: the one template grammar, with every substituted value percent-encoded
 * as exactly one path segment. A value that cannot be one throws {@link UnusableValueError};
 * a missing one, {@link MissingVariableError}.
 */
export function renderPath(template: string, vars: ReadonlyMap<string, string>): string {
  return substituteTemplate(template, (name) => {
    const value = vars.get(name);
    if (value === undefined) throw new MissingVariableError(name);
    const problem = unusableSegment(value);
    if (problem) throw new UnusableValueError(name, problem);
    return encodeURIComponent(value);
  });
}
