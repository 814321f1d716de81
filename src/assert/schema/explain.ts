import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import type { SchemaViolation } from '../types.js';
import type { SchemaLocations } from './locations.js';

/** What collapsing needs: the ajv instance (to validate a branch alone) and where schemas sit. */
export interface ExplainDeps {
  ajv: Ajv2020;
  locations: SchemaLocations;
}

// Nested combinators recurse once per level of the data; this only bounds pathological schemas.
const MAX_DEPTH = 32;

const isCombinator = (e: ErrorObject): boolean => e.keyword === 'anyOf' || e.keyword === 'oneOf';

function rebase(errors: readonly ErrorObject[] | null | undefined, base: string): ErrorObject[] {
  return (errors ?? []).map((e) => ({ ...e, instancePath: base + e.instancePath }));
}

function sameError(a: ErrorObject, b: ErrorObject): boolean {
  return a.keyword === b.keyword && a.instancePath === b.instancePath && a.message === b.message;
}

/** The `type` errors a branch raised at the combinator's own location. */
function rootTypeErrors(errors: readonly ErrorObject[], at: string): ErrorObject[] {
  return errors.filter((e) => e.keyword === 'type' && e.instancePath === at);
}

/** A branch whose `type` already refuses the value: it is not the one the value meant to match. */
function refusesType(errors: readonly ErrorObject[], at: string): boolean {
  return rootTypeErrors(errors, at).length > 0;
}

interface Branch {
  valid: boolean;
  errors: ErrorObject[];
}

/**
 * Replaces one failed oneOf/anyOf and the branch errors ajv listed before it with what explains
 * the failure: the errors of the one branch the value's type fits (or the closest of several),
 * or one `type` error ("must be object or null") when no branch fits. ajv lists a combinator's
 * branch errors right before it, in branch order; validating each branch alone tells how many
 * there are. Returns undefined when anything disagrees, and the raw errors stand.
 */
function explainCombinator(
  c: ErrorObject,
  errors: readonly ErrorObject[],
  index: number,
  deps: ExplainDeps,
  depth: number,
): { errors: ErrorObject[]; consumed: number } | undefined {
  const location = deps.locations.get(c.parentSchema);
  if (location === undefined || !Array.isArray(c.schema)) return undefined;
  let branches: Branch[];
  try {
    branches = c.schema.map((_, k): Branch => {
      const validate = deps.ajv.getSchema(`${location.key}#${location.fragment}/${c.keyword}/${k}`);
      if (validate === undefined) throw new Error('branch not found');
      const valid = validate(c.data) === true;
      return { valid, errors: valid ? [] : rebase(validate.errors, c.instancePath) };
    });
  } catch {
    return undefined;
  }
  const failing = branches.filter((b) => !b.valid);
  const listed = failing.flatMap((b) => b.errors);
  const consumed = listed.length;
  const slice = errors.slice(index - consumed, index);
  if (consumed > index || !listed.every((e, i) => slice[i] !== undefined && sameError(e, slice[i]))) return undefined;

  const passing = branches.length - failing.length;
  // oneOf matched by several branches: no branch error explains that, the combinator does.
  if (passing > 0) return c.keyword === 'oneOf' && passing > 1 ? { errors: [c], consumed } : undefined;

  const candidates = failing.filter((b) => !refusesType(b.errors, c.instancePath));
  if (candidates.length === 0) {
    const named = failing.flatMap((b) => rootTypeErrors(b.errors, c.instancePath)).flatMap((e) => [e.params['type']].flat());
    const types = [...new Set(named.map(String))];
    const union: ErrorObject = {
      ...c,
      keyword: 'type',
      params: { type: types },
      message: `must be ${types.join(' or ')}`,
      schema: types,
    };
    return { errors: [union], consumed };
  }
  const explained = candidates.map((b) => collapse(b.errors, deps, depth + 1));
  const closest = explained.reduce((best, next) => (next.length < best.length ? next : best));
  return { errors: closest, consumed };
}

/** ajv's errors with combinator cascades collapsed and `if` echoes dropped (their then/else errors stay). */
export function collapse(errors: readonly ErrorObject[], deps: ExplainDeps, depth = 0): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (let i = errors.length - 1; i >= 0; ) {
    const error = errors[i]!;
    const explained = isCombinator(error) && depth < MAX_DEPTH ? explainCombinator(error, errors, i, deps, depth) : undefined;
    if (explained) {
      kept.push(...[...explained.errors].reverse());
      i -= explained.consumed + 1;
    } else {
      if (error.keyword !== 'if') kept.push(error);
      i -= 1;
    }
  }
  return kept.reverse();
}

function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'type' && Array.isArray(p['type'])) return `must be ${(p['type'] as string[]).join(' or ')}`;
  // ajv does not say which property; a reader needs it.
  if (e.keyword === 'additionalProperties') return `must NOT have additional property '${String(p['additionalProperty'])}'`;
  if (e.keyword === 'unevaluatedProperties') return `must NOT have unevaluated property '${String(p['unevaluatedProperty'])}'`;
  return e.message ?? `must satisfy ${e.keyword}`;
}

/** One ajv error as a violation. */
export function toViolation(e: ErrorObject): SchemaViolation {
  const params = e.params as Record<string, unknown>;
  return {
    pointer: e.instancePath,
    keyword: e.keyword,
    message: message(e),
    schemaPath: e.schemaPath,
    params,
    constraint: e.keyword === 'required' ? params['missingProperty'] : e.schema,
    value: e.data,
  };
}
