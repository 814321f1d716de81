import type { TemplateJson, ValueExpectation } from '../../model/index.js';
import { firstDifference } from '../json/equal.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer, shortJson } from '../support/describe.js';
import type { PredicateDefinition } from '../types.js';

type Part = ValueExpectation & { equals: TemplateJson };

/**
 * The value at a pointer is deeply equal to the expected JSON. A mismatch inside an object or
 * array points at the first place that differs, with the values found there.
 */
export const valueEquals: PredicateDefinition<Part> = {
  name: 'value-equals',
  claim: 'the value at the pointer is deeply equal to the expected value',
  negation: { name: 'value-differs', claim: 'the value at the pointer is present and differs from the given value' },
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.equals !== undefined),
  judge(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    const said = { subject: describePointer(part.pointer), claim: `equal ${shortJson(part.equals)}` };
    if (!at.found) return { ...said, holds: false, unmet: 'be present', expected: preview(part.equals), actual: undefined, pointer: part.pointer };
    const difference = firstDifference(part.equals, at.value);
    if (difference === undefined) return { ...said, holds: true, expected: preview(part.equals), actual: preview(at.value), pointer: part.pointer };
    return {
      ...said,
      holds: false,
      expected: preview(difference.expected),
      actual: preview(difference.actual),
      pointer: part.pointer + difference.pointer,
    };
  },
};
