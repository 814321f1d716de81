import type { SourceSpan } from '../model/index.js';

/**
 * An expectation the checks cannot evaluate: a pattern that does not compile, a pointer that is
 * not a JSON pointer. The loader rejects these before a run, so meeting one here means the
 * expectation came from elsewhere (a proxy, a test); the caller reports it as an error of the
 * step, never as a finding against the target.
 */
export class InvalidExpectationError extends Error {
  override readonly name = 'InvalidExpectationError';
  /** The expectation at fault, when known. */
  readonly span: SourceSpan | undefined;

  constructor(message: string, span?: SourceSpan) {
    super(message);
    this.span = span;
  }
}

/**
 * A JSON Schema that cannot be used: the file is missing, is not JSON, is not a valid
 * draft 2020-12 schema, or has a `$ref` that resolves nowhere. The message names the file.
 */
export class SchemaLoadError extends Error {
  override readonly name = 'SchemaLoadError';
  /** Absolute path of the schema file at fault (or the one asked for). */
  readonly file: string;

  constructor(file: string, message: string) {
    super(message);
    this.file = file;
  }
}
