import type { SourceSpan } from './span.js';

/**
 * One way a response broke an expectation. Data, not text: a reporter words it.
 */
export interface Finding {
  /** The name of the check that produced it, e.g. `status-is-expected`. */
  check: string;
  /** A short statement of the claim that failed: "status must be 201". */
  message: string;
  expected: unknown;
  actual: unknown;
  /** JSON pointer into the response body, when the finding is about a part of it. */
  pointer?: string;
  /** The expectation in the suite file that this finding breaks. */
  span?: SourceSpan;
}
