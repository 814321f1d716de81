/**
 * A place in a source file. Lines and columns are 1-based, as editors show them.
 * Every parsed node of a suite keeps one, so every message can point at it.
 */
export interface SourceSpan {
  /** Path of the file, relative to the working directory when possible. */
  file: string;
  line: number;
  col: number;
  /** Where the node ends, when known (same file). */
  endLine?: number;
  endCol?: number;
}
