import { dirname, resolve } from 'node:path';
import type {
  Capture, Case, Eventually, Expectation, HeaderExpectation, Level, RequestSpec, SchemaExpectation,
  StatusMatcher, Step, Suite, TemplateJson, ValueExpectation,
} from '../model/index.js';
import { headerClaim, valueClaims, type RawHeaderExpectation, type RawPredicates } from './predicates.js';
import { durationMs } from '../common/duration.js';
import { userVariablesOf } from './user-variables.js';
import type { Path, YamlFile } from './yaml-file.js';

export type { RawHeaderExpectation, RawPredicates } from './predicates.js';

// The shapes below are what suite.schema.json admits; build* only ever sees valid data.

/** A suite file as written, after the schema passed. */
export interface RawSuite {
  $schema?: string;
  suite: string;
  title: string;
  doc: string;
  include?: string[];
  fixtures?: Record<string, RawFixture>;
  cases: RawCase[];
}
/** A fixture file as written: fixtures that suite files include. */
export interface RawFixtureFile {
  $schema?: string;
  description?: string;
  include?: string[];
  fixtures: Record<string, RawFixture>;
}
/** One fixture as written. */
export interface RawFixture {
  description?: string;
  uses?: RawUse[];
  steps?: RawStep[];
  cleanup?: RawStep[];
}
/** `newJob`, or `{ deleteJob: { jobId: secondJobId } }`. */
export type RawUse = string | Record<string, Record<string, string>>;
export interface RawCase {
  id: string;
  title: string;
  level: Level;
  tags?: string[];
  doc?: string;
  rationale?: string;
  optional?: boolean;
  uses?: RawUse[];
  steps: RawStep[];
  cleanup?: RawStep[];
}
export interface RawStep {
  name: string;
  request: { method: RequestSpec['method']; path: string; headers?: Record<string, string>; json?: TemplateJson; raw?: string; auth?: RequestSpec['auth']; pages?: 'all' };
  expect?: RawExpect;
  capture?: Record<string, string | { header: string }>;
  eventually?: { timeout: string | number; interval?: string | number };
}
export interface RawExpect {
  status?: StatusMatcher | StatusMatcher[];
  headers?: Record<string, RawHeaderExpectation>;
  emptyBody?: true;
  schema?: RawSchemaRef | RawSchemaRef[];
  json?: Record<string, RawPredicates>;
  anyOf?: RawExpect[];
}
export interface RawSchemaRef {
  $ref: string;
  pointer?: string;
}

/** Default pause between `eventually` attempts when the suite gives none. */
export const DEFAULT_INTERVAL_MS = 1000;

/**
 * Builds the model of a schema-valid suite file, every node with its span.
 * Cases listed in `skip` failed the schema and are left out.
 */
export function buildSuite(yaml: YamlFile, absFile: string, skip: ReadonlySet<number>): Suite {
  const raw = yaml.data as RawSuite;
  const b = new Builder(yaml, dirname(absFile));
  const cases = raw.cases.flatMap((c, i) => (skip.has(i) ? [] : [b.case(c, ['cases', i], raw.doc)]));
  return { file: yaml.file, id: raw.suite, title: raw.title, cases };
}

/** Builds the steps of a fixture defined at `path` (`['fixtures', name]`) of a file. */
export function buildFixtureSteps(yaml: YamlFile, absFile: string, raw: RawFixture, path: Path): { steps: Step[]; cleanup: Step[] } {
  const b = new Builder(yaml, dirname(absFile));
  return {
    steps: (raw.steps ?? []).map((s, i) => b.step(s, [...path, 'steps', i])),
    cleanup: (raw.cleanup ?? []).map((s, i) => b.step(s, [...path, 'cleanup', i])),
  };
}

class Builder {
  constructor(
    private readonly yaml: YamlFile,
    private readonly dir: string,
  ) {}

  case(raw: RawCase, path: Path, suiteDoc: string): Case {
    const steps = raw.steps.map((s, i) => this.step(s, [...path, 'steps', i]));
    const cleanup = (raw.cleanup ?? []).map((s, i) => this.step(s, [...path, 'cleanup', i]));
    const out: Case = {
      id: raw.id,
      title: raw.title,
      level: raw.level,
      tags: raw.tags ?? [],
      doc: raw.doc ?? suiteDoc,
      optional: raw.optional ?? false,
      writes: [...steps, ...cleanup].some((s) => s.request.method !== 'GET'),
      steps,
      cleanup,
      span: this.yaml.valueSpan(path),
    };
    if (raw.rationale !== undefined) out.rationale = raw.rationale;
    const needs = userVariablesOf([...steps, ...cleanup]);
    if (needs.length > 0) out.needs = needs;
    return out;
  }

  step(raw: RawStep, path: Path): Step {
    const out: Step = {
      name: raw.name,
      request: this.request(raw.request, [...path, 'request']),
      expect: this.expect(raw.expect ?? {}, [...path, 'expect']),
      captures: Object.entries(raw.capture ?? {}).map(([name, c]) => this.capture(name, c, [...path, 'capture', name])),
      span: this.yaml.valueSpan(path),
    };
    if (raw.eventually !== undefined) out.eventually = this.eventually(raw.eventually, [...path, 'eventually']);
    return out;
  }

  request(raw: RawStep['request'], path: Path): RequestSpec {
    const out: RequestSpec = { method: raw.method, path: raw.path, headers: { ...raw.headers }, auth: raw.auth ?? 'run', span: this.yaml.pairSpan(path) };
    if (raw.json !== undefined) out.json = raw.json;
    if (raw.raw !== undefined) out.raw = raw.raw;
    if (raw.pages === 'all') out.pages = 'all';
    return out;
  }

  expect(raw: RawExpect, path: Path): Expectation {
    const out: Expectation = { headers: [], schemas: [], values: [] };
    if (raw.status !== undefined) out.status = { anyOf: [raw.status].flat(), span: this.yaml.pairSpan([...path, 'status']) };
    if (raw.emptyBody === true) out.emptyBody = { span: this.yaml.pairSpan([...path, 'emptyBody']) };
    for (const [name, h] of Object.entries(raw.headers ?? {})) out.headers.push(this.header(name, h, [...path, 'headers', name]));
    if (Array.isArray(raw.schema)) raw.schema.forEach((s, i) => out.schemas.push(this.schema(s, this.yaml.valueSpan([...path, 'schema', i]))));
    else if (raw.schema !== undefined) out.schemas.push(this.schema(raw.schema, this.yaml.pairSpan([...path, 'schema'])));
    for (const [pointer, predicates] of Object.entries(raw.json ?? {})) out.values.push(...this.values(pointer, predicates, [...path, 'json', pointer]));
    if (raw.anyOf !== undefined) out.anyOf = raw.anyOf.map((a, i) => this.expect(a, [...path, 'anyOf', i]));
    return out;
  }

  header(name: string, raw: RawHeaderExpectation, path: Path): HeaderExpectation {
    const { claim, value, negated } = headerClaim(raw);
    return { name: name.toLowerCase(), [claim]: value, ...(negated ? { negated: true } : {}), span: this.yaml.pairSpan(path) } as HeaderExpectation;
  }

  schema(raw: RawSchemaRef, span: Step['span']): SchemaExpectation {
    return { ref: this.ref(raw.$ref), written: raw.$ref, pointer: raw.pointer ?? '', span };
  }

  /** Refs resolved so far: a suite names the same few schemas in case after case. */
  private readonly refs = new Map<string, string>();

  private ref(written: string): string {
    let ref = this.refs.get(written);
    if (ref === undefined) this.refs.set(written, (ref = resolveRef(this.dir, written)));
    return ref;
  }

  /**
   * One expectation per predicate, as the model wants: `{ type: string, nonEmpty: true }` is two.
   * A negated one (`notEquals: V`, `not: { equals: V }`) is its claim with `negated: true`.
   */
  values(pointer: string, raw: RawPredicates, path: Path): ValueExpectation[] {
    return valueClaims(raw).map(({ claim, value, negated, at }) =>
      ({ pointer, [claim]: value, ...(negated ? { negated: true } : {}), span: this.yaml.pairSpan([...path, ...at]) }) as ValueExpectation);
  }

  capture(name: string, raw: string | { header: string }, path: Path): Capture {
    const span = this.yaml.pairSpan(path);
    return typeof raw === 'string' ? { name, pointer: raw, span } : { name, header: raw.header.toLowerCase(), span };
  }

  eventually(raw: NonNullable<RawStep['eventually']>, path: Path): Eventually {
    return {
      timeoutMs: durationMs(raw.timeout) ?? 0,
      intervalMs: raw.interval === undefined ? DEFAULT_INTERVAL_MS : (durationMs(raw.interval) ?? 0),
      span: this.yaml.pairSpan(path),
    };
  }
}

/** `../x.json#/$defs/y` relative to the suite's folder -> `/abs/x.json#/$defs/y`. */
export function resolveRef(dir: string, written: string): string {
  const hash = written.indexOf('#');
  const file = hash < 0 ? written : written.slice(0, hash);
  const fragment = hash < 0 ? '' : written.slice(hash);
  return `${resolve(dir, file)}${fragment === '#' ? '' : fragment}`;
}
