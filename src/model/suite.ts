import type { SourceSpan } from './span.js';

/**
 * How much a case matters, as in RFC 2119. `--level` names the lowest level whose failure
 * fails the run.
 */
export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** Requirement levels from the strictest down; the index orders them. */
export const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

/**
 * Which credentials a request carries.
 * - `run`: the run's bearer token (the default).
 * - `none`: no Authorization header at all.
 * - `invalid`: a well-formed JWT that no authority signed.
 * - `malformed`: a bearer token that does not even parse (`Bearer not-a-token`).
 */
export type AuthMode = 'run' | 'none' | 'invalid' | 'malformed';

/**
 * A string that may contain `{{variable}}` references, resolved at run time.
 * Kept as the raw text; the loader has already checked every name it references.
 */
export type Template = string;

/** A JSON value whose strings may contain `{{variable}}` references. */
export type TemplateJson = null | boolean | number | Template | TemplateJson[] | { [key: string]: TemplateJson };

/** The request a step sends. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template below the target URL, e.g. `/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs`. */
  path: Template;
  headers: Record<string, Template>;
  /** A JSON body (sent with `Content-Type: application/json` unless a header says otherwise). */
  json?: TemplateJson;
  /** A body sent byte for byte, for malformed input. Exclusive with `json`. */
  raw?: Template;
  auth: AuthMode;
  /** `all`: follow `@odata.nextLink` to the last page and judge the items of every page as one body. */
  pages?: 'all';
  /**
   * Set by the loader when the operation this request calls answers 201 in `specs/`: it creates a
   * resource. The engine records such requests in the ledger and never repeats them.
   */
  creates?: true;
  /**
   * Set by the loader when `specs/` has the operation this request calls: its method and OpenAPI
   * path (`DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}`),
   * the name contract coverage uses. Latency is reported under it, so every request to one
   * operation counts together, whatever variables its path is written with.
   */
  operation?: string;
  span: SourceSpan;
}

/**
 * Expected status: an exact code, a class such as `4xx`, or a list of either.
 * A class is used where the contract leaves the exact code open.
 */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';
export type StatusMatcher = number | StatusClass;

/** One expectation on a header. Exactly one of present, equals, pattern is set. */
export interface HeaderExpectation {
  name: string;
  /** The header is sent, with any value. */
  present?: true;
  equals?: Template;
  /** A regular expression in RE2 syntax (linear time; no lookaround or backreferences), case-sensitive unless it says `(?i)`. */
  pattern?: string;
  /** The predicate must not hold: written under `not:`, or as `present: false`. */
  negated?: true;
  span: SourceSpan;
}

/** JSON types as JSON Schema names them. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/**
 * An assertion on the value at a JSON pointer of the response body.
 * Exactly one of the predicate fields is set; `negated` turns it around.
 */
export interface ValueExpectation {
  /** RFC 6901 JSON pointer, "" for the whole body. */
  pointer: string;
  equals?: TemplateJson;
  pattern?: string;
  type?: JsonType;
  /** The pointer resolves (the value may be null). */
  present?: true;
  /** A non-empty string, array or object. */
  nonEmpty?: true;
  /**
   * The value is an array with an element that matches: an object pattern matches an object
   * holding at least its keys with matching values; anything else must be deeply equal.
   */
  contains?: TemplateJson;
  /**
   * The predicate must not hold: written under `not:`, or with a shorthand (`notEquals: V` is
   * `equals: V` negated, `excludes` is `contains`, `absent: true` is `present: true`). A value
   * that cannot be judged (missing, where the predicate needs one) fails either way.
   */
  negated?: true;
  span: SourceSpan;
}

/** A JSON Schema the body (or the value at `pointer`) must satisfy. */
export interface SchemaExpectation {
  /** Absolute path of the schema file, resolved by the loader (with an optional `#fragment`). */
  ref: string;
  /** The `$ref` as written in the suite, for messages. */
  written: string;
  pointer: string;
  span: SourceSpan;
}

/** Everything a step expects of the response. Absent parts are not checked. */
export interface Expectation {
  status?: { anyOf: StatusMatcher[]; span: SourceSpan };
  headers: HeaderExpectation[];
  /** The body must be empty (a 204's body). */
  emptyBody?: { span: SourceSpan };
  schemas: SchemaExpectation[];
  values: ValueExpectation[];
  /**
   * Alternatives, each a whole expectation with its own status: the answer passes when it meets
   * one of them (the service may answer either way). Set alone: the other fields are then empty.
   */
  anyOf?: Expectation[];
}

/** A value to keep for later steps, from the body or a header. */
export interface Capture {
  name: string;
  /** JSON pointer into the body. Exclusive with `header`. */
  pointer?: string;
  header?: string;
  span: SourceSpan;
}

/**
 * Repeat the request until the expectations hold, because Graph is eventually consistent
 * after writes. The run may cap the timeout (`--consistency-timeout`).
 */
export interface Eventually {
  timeoutMs: number;
  intervalMs: number;
  span: SourceSpan;
}

/**
 * Where a step came from when a fixture contributed it: the fixture the case named in `uses`,
 * and that use. The step's own span stays in the fixture's definition.
 */
export interface FixtureOrigin {
  /** The fixture the case uses, e.g. `newJob` (a fixture it uses in turn runs under this name). */
  name: string;
  /** The item of the case's `uses` list. */
  use: SourceSpan;
}

/** One request and what it must answer. */
export interface Step {
  /**
   * Unique within its case; part of stable result ids. A fixture's step is named after the
   * fixtures it came through: `newJob › create`.
   */
  name: string;
  /** Set on the steps a fixture contributed. */
  fixture?: FixtureOrigin;
  request: RequestSpec;
  expect: Expectation;
  captures: Capture[];
  eventually?: Eventually;
  span: SourceSpan;
}

/** A test case: a claim about the API, proved by its steps. */
export interface Case {
  /** Stable id, unique across all suites, e.g. `create/answers-201`. Drives filters and report names. */
  id: string;
  title: string;
  level: Level;
  tags: string[];
  /** Link to the documentation the case enforces. */
  doc: string;
  /** Why the case asserts what it asserts, where the docs are unclear or contradict themselves. */
  rationale?: string;
  /**
   * The target may legitimately not implement this: a 404 or 405 that says the route does not
   * exist ends the case as skipped instead of failed.
   */
  optional: boolean;
  /** The case sends writes (creates, deletes, state changes). */
  writes: boolean;
  /**
   * The user variables its steps and its fixtures' read, as written after `{{`: `vars.subjectId`,
   * `secrets.scimToken`. A run that lacks one of them skips the case and names it.
   */
  needs?: string[];
  /** The steps of the fixtures it uses (in order of use), then its own. */
  steps: Step[];
  /**
   * Steps that always run after `steps`, even when one failed (delete what the case created):
   * its own, then those of its fixtures in reverse order of use.
   */
  cleanup: Step[];
  span: SourceSpan;
}

/** One suite file. */
export interface Suite {
  /** Path of the file. */
  file: string;
  /** Suite id, e.g. `synchronization-jobs/create`. */
  id: string;
  title: string;
  cases: Case[];
}
