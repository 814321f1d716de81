import type { ErrorObject } from 'ajv/dist/2020.js';
import { jsonType } from '../common/schema-words.js';

/** What the collapser needs from the compiled format schema. */
export interface BranchSource {
  /** The `$defs` entry a `{ $ref: "#/$defs/name" }` branch points at. */
  def(ref: string): Readonly<Record<string, unknown>> | undefined;
  /** Validates `data` against that `$defs` entry alone. */
  errorsFor(ref: string, data: unknown): ErrorObject[];
}

/**
 * Turns ajv's error cascades for `oneOf`/`anyOf` into the errors of the one form the author
 * meant. ajv reports every branch's failure plus the union's own "must match exactly one
 * schema"; a human needs only the branch whose type fits the value (`status: "4XX"` is a
 * string, so only the status-class branch speaks), or one "must be X or Y" when none fits.
 *
 * Relies on a convention `suite.schema.json` keeps: a union stands alone in its subschema,
 * and each branch is a `$ref` into `$defs`, so every error at or below the union's place
 * comes from the union and the chosen branch can be validated on its own.
 */
export function collapse(errors: readonly ErrorObject[], source: BranchSource): ErrorObject[] {
  const unions = errors.filter(isUnion).sort((a, b) => a.instancePath.length - b.instancePath.length);
  const outer: ErrorObject[] = [];
  for (const u of unions) if (!outer.some((o) => within(u.instancePath, o.instancePath))) outer.push(u);
  const kept = errors.filter((e) => !outer.some((o) => within(e.instancePath, o.instancePath)));
  return [...kept, ...outer.flatMap((u) => resolveUnion(u, source))];
}

function resolveUnion(union: ErrorObject, source: BranchSource): ErrorObject[] {
  const branches = Array.isArray(union.schema) ? (union.schema as unknown[]) : [];
  const refs = branches.map((b) => (b !== null && typeof b === 'object' ? (b as { $ref?: unknown }).$ref : undefined));
  // Several branches passed, or a branch is not a $ref: ajv's own error is the best we have.
  if (union.params.passingSchemas != null || refs.some((r) => typeof r !== 'string')) return [union];
  const candidates = (refs as string[]).filter((ref) => admits(source.def(ref)?.['type'], union.data));
  if (candidates.length === 0) {
    const defs = (refs as string[]).map((ref) => source.def(ref));
    const types = [...new Set(defs.flatMap((d) => typesOf(d?.['type'])))];
    const expected = defs.map((d) => (typeof d?.['title'] === 'string' ? d['title'] : 'another form'));
    return [{ ...union, keyword: 'type', params: { type: types, expected } }];
  }
  const attempts = candidates.map((ref) => {
    const inner = source.errorsFor(ref, union.data).map((e) => ({ ...e, instancePath: union.instancePath + e.instancePath }));
    return collapse(inner, source);
  });
  attempts.sort((a, b) => a.length - b.length);
  return attempts[0] ?? [union];
}

function isUnion(e: ErrorObject): boolean {
  return e.keyword === 'oneOf' || e.keyword === 'anyOf';
}

/** True when `path` is `base` or below it. */
function within(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function typesOf(type: unknown): string[] {
  return [type].flat().filter((t): t is string => typeof t === 'string');
}

/** True when a schema with this `type` could accept the value (no `type`: anything). */
function admits(type: unknown, value: unknown): boolean {
  const types = typesOf(type);
  if (types.length === 0) return true;
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}
