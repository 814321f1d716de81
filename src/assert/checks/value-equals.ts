import type { TemplateJson, ValueExpectation } from '../../model/index.js';
import { firstDifference } from '../json/equal.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer, shortJson } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

type Part = ValueExpectation & { equals: TemplateJson };

/**
 * The value at a pointer is deeply equal to the expected JSON. A mismatch inside an object or
 * array points at the first place that differs, with the values found there.
 */
export const valueEquals: CheckDefinition<Part> = {
  name: 'value-equals',
  claim: 'the value at the pointer is deeply equal to the expected value',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.equals !== undefined),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    const message = `${describePointer(part.pointer)} must equal ${shortJson(part.equals)}`;
    if (!at.found) {
      return [{ check: 'value-equals', message, expected: preview(part.equals), actual: undefined, pointer: part.pointer, span: part.span }];
    }
    const difference = firstDifference(part.equals, at.value);
    if (difference === undefined) return [];
    return [
      {
        check: 'value-equals',
        message,
        expected: preview(difference.expected),
        actual: preview(difference.actual),
        pointer: part.pointer + difference.pointer,
        span: part.span,
      },
    ];
  },
};
