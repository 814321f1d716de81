import type { SourceSpan } from './span.js';

/**
 * A problem found in input (a suite file, a config file, a flag) before any request is sent.
 * Formatting it as text (file:line:col, the source line, a caret) is a reporter's job.
 */
export interface Diagnostic {
  /** Stable machine-readable code, for example `unknown-key`, `dangling-ref`, `unknown-variable`. */
  code: string;
  /** What is wrong, one sentence, lower-case start: "unknown key `expct`". */
  message: string;
  /** How to fix it, when we can say: "did you mean `expect`?". */
  hint?: string;
  /** Where; absent only for problems with no file (a flag, the environment). */
  span?: SourceSpan;
  /** Other places the problem involves, e.g. the use of a fixture whose definition is at fault ("used here"). */
  notes?: { span: SourceSpan; label: string }[];
  severity: 'error' | 'warning';
}
