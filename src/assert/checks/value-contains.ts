import type { TemplateJson, ValueExpectation } from '../../model/index.js';
import { jsonMatches } from '../json/match.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer, shortJson } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

type Part = ValueExpectation & { contains: TemplateJson };

/** The value at a pointer is an array with an element matching a pattern (`contains`). */
export const valueContains: CheckDefinition<Part> = {
  name: 'value-contains',
  claim: 'the value at the pointer is an array with an element that matches the pattern',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.contains !== undefined),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    if (at.found && Array.isArray(at.value) && at.value.some((item) => jsonMatches(part.contains, item))) return [];
    return [
      {
        check: 'value-contains',
        message: `${describePointer(part.pointer)} must be an array with an element matching ${shortJson(part.contains)}`,
        expected: { contains: preview(part.contains) },
        actual: at.found ? preview(at.value) : undefined,
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
