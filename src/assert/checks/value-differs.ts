import type { TemplateJson, ValueExpectation } from '../../model/index.js';
import { jsonEqual } from '../json/equal.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer, shortJson } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

type Part = ValueExpectation & { notEquals: TemplateJson };

/** The value at a pointer is present and not deeply equal to a given value (`notEquals`). */
export const valueDiffers: CheckDefinition<Part> = {
  name: 'value-differs',
  claim: 'the value at the pointer is present and differs from the given value',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.notEquals !== undefined),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    if (at.found && !jsonEqual(part.notEquals, at.value)) return [];
    return [
      {
        check: 'value-differs',
        message: `${describePointer(part.pointer)} must be present and differ from ${shortJson(part.notEquals)}`,
        expected: { not: preview(part.notEquals) },
        actual: at.found ? preview(at.value) : undefined,
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
