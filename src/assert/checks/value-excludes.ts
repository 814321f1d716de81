import type { TemplateJson, ValueExpectation } from '../../model/index.js';
import { jsonMatches } from '../json/match.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer, shortJson } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

type Part = ValueExpectation & { excludes: TemplateJson };

/** The value at a pointer is an array with no element matching a pattern (`excludes`). */
export const valueExcludes: CheckDefinition<Part> = {
  name: 'value-excludes',
  claim: 'the value at the pointer is an array with no element that matches the pattern',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.excludes !== undefined),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    if (!at.found || !Array.isArray(at.value)) {
      return [{
        check: 'value-excludes',
        message: `${describePointer(part.pointer)} must be an array`,
        expected: { type: 'array', excludes: preview(part.excludes) },
        actual: at.found ? preview(at.value) : undefined,
        pointer: part.pointer,
        span: part.span,
      }];
    }
    const index = at.value.findIndex((item) => jsonMatches(part.excludes, item));
    if (index < 0) return [];
    return [{
      check: 'value-excludes',
      message: `${describePointer(part.pointer)} must hold no element matching ${shortJson(part.excludes)}`,
      expected: { excludes: preview(part.excludes) },
      actual: preview(at.value[index]),
      pointer: `${part.pointer}/${index}`,
      span: part.span,
    }];
  },
};
