import type { ValueExpectation } from '../../model/index.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { PredicateDefinition } from '../types.js';

/** The size of a string, array or object; undefined for the values that have none. */
function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

/**
 * The value at a pointer is a non-empty string, array or object. Numbers, booleans and null
 * have no emptiness to speak of: neither the claim nor its negation holds for them.
 */
export const valueIsNonEmpty: PredicateDefinition<ValueExpectation> = {
  name: 'value-is-non-empty',
  claim: 'the value at the pointer is a non-empty string, array or object',
  negation: { name: 'value-is-empty', claim: 'the value at the pointer is an empty string, array or object' },
  needsJson: true,
  select: (expectation) => expectation.values.filter((v) => v.nonEmpty === true),
  judge(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    const said = { subject: describePointer(part.pointer), claim: 'be non-empty', expected: 'non-empty', pointer: part.pointer };
    if (!at.found) return { ...said, holds: false, unmet: 'be present', actual: undefined };
    const size = sizeOf(at.value);
    if (size === undefined) return { ...said, holds: false, unmet: 'be a string, array or object', actual: preview(at.value) };
    return { ...said, holds: size > 0, actual: preview(at.value) };
  },
};
