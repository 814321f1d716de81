import type { JsonType, TemplateJson } from '../model/index.js';
import type { Path } from './yaml-file.js';

// What suite.schema.json admits for `expect.json` and `expect.headers`, and one reading of it
// that the model builder and the semantic checks share, so `not:` and the shorthands are
// understood in one place.

/** The predicates on a value as written under `not:`: the claims themselves, never negated twice. */
export type RawValueClaims = Partial<Record<'equals' | 'contains', TemplateJson>> & { pattern?: string; type?: JsonType; present?: true; nonEmpty?: true };

/** The predicates on a value: the claims, their shorthand negations, and `not:`. */
export type RawPredicates = RawValueClaims & Partial<Record<'notEquals' | 'excludes', TemplateJson>> & { absent?: true; not?: RawValueClaims };

/** A header's claims as written under `not:`. */
export interface RawHeaderClaims {
  present?: true;
  equals?: string;
  pattern?: string;
}

/** A header expectation: a string it must equal, one claim, `present: false`, or `not:`. */
export type RawHeaderExpectation = string | (Omit<RawHeaderClaims, 'present'> & { present?: boolean; not?: RawHeaderClaims });

/**
 * Shorthands for a negated claim, written before `not:` existed and kept because they read well:
 * `notEquals: V` is `not: { equals: V }`, `excludes: V` is `not: { contains: V }`, `absent: true`
 * is `not: { present: true }`.
 */
export const NEGATED_SHORTHANDS = { notEquals: 'equals', excludes: 'contains', absent: 'present' } as const;

/** One claim as the run judges it, and where it is written. */
export interface WrittenClaim {
  /** The claim, whichever way it is written: `equals` for `equals`, `notEquals` and `not: { equals }`. */
  claim: string;
  value: unknown;
  negated: boolean;
  /** Where it is written, below the pointer's (or header's) mapping: `['notEquals']`, `['not', 'equals']`. */
  at: Path;
}

/** The claims of one pointer's predicates, in the order written; `{ type: string, nonEmpty: true }` is two. */
export function valueClaims(raw: RawPredicates): WrittenClaim[] {
  return Object.entries(raw).flatMap(([key, value]): WrittenClaim[] => {
    if (key === 'not') return Object.entries(value as RawValueClaims).map(([claim, v]) => ({ claim, value: v, negated: true, at: ['not', claim] }));
    const negates = (NEGATED_SHORTHANDS as Record<string, string>)[key];
    return [negates === undefined ? { claim: key, value, negated: false, at: [key] } : { claim: negates, value: key === 'absent' ? true : value, negated: true, at: [key] }];
  });
}

/** The one claim of a header expectation (`[]` below the header when written as a plain string). */
export function headerClaim(raw: RawHeaderExpectation): WrittenClaim {
  if (typeof raw === 'string') return { claim: 'equals', value: raw, negated: false, at: [] };
  const [key, value] = onlyEntry(raw);
  if (key === 'not') {
    const [claim, v] = onlyEntry(value as RawHeaderClaims);
    return { claim, value: v, negated: true, at: ['not', claim] };
  }
  if (key === 'present' && value === false) return { claim: 'present', value: true, negated: true, at: ['present'] };
  return { claim: key, value, negated: false, at: [key] };
}

/** The one key of a mapping the schema allows one key in. */
function onlyEntry(mapping: object): [string, unknown] {
  const [entry, ...more] = Object.entries(mapping);
  if (entry === undefined || more.length > 0) throw new Error('a header expectation holds exactly one claim; suite.schema.json should have rejected this one');
  return entry;
}
