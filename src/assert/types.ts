import type { Exchange, Expectation, Finding, SourceSpan } from '../model/index.js';

/** What checks may consult besides the exchange: compiled schemas, never the network or disk. */
export interface CheckContext {
  schemas: SchemaStore;
}

/** Compiles JSON Schemas (draft 2020-12, ajv/dist/2020.js + ajv-formats, allErrors, strict) once per run. */
export interface SchemaStore {
  /**
   * Validator for an absolute file path with optional '#/json/pointer' fragment. Compiles on
   * first use, then cached: the same ref always yields the same function.
   * @throws SchemaLoadError (a clear message naming the file and the problem) for a missing or invalid schema.
   */
  validator(ref: string): (value: unknown) => SchemaViolation[];
}

/**
 * One way a value breaks a schema, after ajv's oneOf/anyOf cascades are collapsed to the
 * branch that explains it (or to one violation when no branch fits the value's type).
 */
export interface SchemaViolation {
  /** Where in the validated value (ajv's instancePath): "" is the value itself. */
  pointer: string;
  /** The schema keyword that failed: `type`, `required`, `enum`… */
  keyword: string;
  /** ajv's sentence, lower-case "must …": "must be string or null". */
  message: string;
  /** Where in the schema, as ajv reports it (relative to the schema document that holds the keyword). */
  schemaPath: string;
  /** ajv's params for the keyword: `{ missingProperty }`, `{ allowedValues }`… */
  params: Record<string, unknown>;
  /** The keyword's value in the schema: "string", ["Active", "Disabled"], 1… For `required`, the missing property. */
  constraint: unknown;
  /** The offending value at `pointer` (for `required`, the object that lacks the property). */
  value: unknown;
}

/**
 * A named check: one claim about a response, evaluated for each part of an expectation that
 * asks for it. Pure: no I/O, no clock, no state.
 */
export interface CheckDefinition<Part = unknown> {
  /** Stable name, the `Finding.check` of its findings: `status-is-expected`. */
  readonly name: string;
  /** The claim, one sentence: "the status code is one the expectation allows". */
  readonly claim: string;
  /**
   * The check reads the parsed JSON body. When the body is not JSON, `checkExchange` skips it and
   * `body-is-json` reports the one finding, instead of every pointer failing in cascade.
   */
  readonly needsJson: boolean;
  /** The parts of an expectation this check evaluates (none: the check does not apply). */
  select(expectation: Expectation): readonly Part[];
  /**
   * Findings for one part; empty when the claim holds. Declared as a method so a registry of
   * different part types can share one array type: `checkExchange` only ever feeds `run` what
   * the same definition's `select` returned.
   */
  run(exchange: Exchange, part: Part, ctx: CheckContext): Finding[];
}

/** A part of an expectation that can be asked either way: `negated` when written under `not:`. */
export interface NegatablePart {
  negated?: true;
  span: SourceSpan;
}

/**
 * A claim that can be asked as written (`equals: V`) or negated (`not: { equals: V }`), as hurl's
 * predicates take a `not` modifier. It only judges; the registry derives both checks from it
 * (`bothWays`), so a negation is never a second file that could drift from its twin.
 */
export interface PredicateDefinition<Part extends NegatablePart = NegatablePart> {
  /** Stable name of the check as written: `value-equals`. */
  readonly name: string;
  /** The claim as written, one sentence: "the value at the pointer is deeply equal to the expected value". */
  readonly claim: string;
  /** The negated twin: its stable name (`value-differs`) and its claim. */
  readonly negation: { readonly name: string; readonly claim: string };
  /** As for `CheckDefinition.needsJson`; the same for both twins. */
  readonly needsJson: boolean;
  /** Every part of an expectation that asks for this claim, negated or not. */
  select(expectation: Expectation): readonly Part[];
  /** Whether the claim holds for one part, with what a finding would say either way. */
  judge(exchange: Exchange, part: Part, ctx: CheckContext): Judgement;
}

/**
 * A predicate's verdict on one part, with the evidence for the twin that fails: when the claim
 * holds, the evidence shows that it holds (what the negated twin reports); otherwise, why not.
 */
export type Judgement = JudgementEvidence & (
  | { holds: true }
  | {
      holds: false;
      /**
       * What the value must be before the claim can be judged at all, when it is not: `be present`,
       * `be an array`. Then the claim fails and so does its negation (a missing value does not
       * "differ" from anything).
       */
      unmet?: string;
    }
);

/** What findings of a predicate say: `${subject} must ${claim}`, negated `${subject} must not ${claim}`. */
export interface JudgementEvidence {
  /** What is judged, as messages name it: `/schedule/state`, `body`, `content-type header`. */
  subject: string;
  /** The claim as a verb phrase: `equal "Disabled"`, `match /^P/`, `be present`. */
  claim: string;
  /** What the claim expects, as written (the negated twin reports `{ not: expected }`). */
  expected: unknown;
  /** The value that decided: the mismatch when the claim fails, the match when it holds; undefined when absent. */
  actual: unknown;
  /** Where in the body the decisive value is, for body predicates. */
  pointer?: string;
}
