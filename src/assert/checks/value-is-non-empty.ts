import type { ValueExpectation } from '../../model/index.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

function isNonEmpty(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  // Numbers, booleans and null have no emptiness to speak of: the claim cannot hold.
  return false;
}

/** The value at a pointer is a non-empty string, array or object. */
export const valueIsNonEmpty: CheckDefinition<ValueExpectation> = {
  name: 'value-is-non-empty',
  claim: 'the value at the pointer is a non-empty string, array or object',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v) => v.nonEmpty === true),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    if (at.found && isNonEmpty(at.value)) return [];
    return [
      {
        check: 'value-is-non-empty',
        message: `${describePointer(part.pointer)} must be a non-empty string, array or object`,
        expected: 'non-empty',
        actual: at.found ? preview(at.value) : undefined,
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
