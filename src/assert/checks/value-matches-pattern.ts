import { MAX_PATTERN_INPUT } from '../../common/user-pattern.js';
import type { ValueExpectation } from '../../model/index.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import { compilePattern } from '../support/pattern.js';
import type { CheckDefinition } from '../types.js';

type Part = ValueExpectation & { pattern: string };

/** The value at a pointer is a string matching a regular expression (a number never matches). */
export const valueMatchesPattern: CheckDefinition<Part> = {
  name: 'value-matches-pattern',
  claim: 'the value at the pointer is a string that matches the pattern',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.pattern !== undefined),
  run(exchange, part) {
    const regex = compilePattern(part.pattern, part.span);
    const at = bodyValue(exchange, part.pointer, part.span);
    const verdict = at.found && typeof at.value === 'string' ? regex.test(at.value) : false;
    if (verdict === true) return [];
    return [
      {
        check: 'value-matches-pattern',
        message: `${describePointer(part.pointer)} must be a string matching /${part.pattern}/${verdict === 'too-long' ? `; it is over ${MAX_PATTERN_INPUT} characters long, too long to be matched` : ''}`,
        expected: part.pattern,
        actual: at.found ? preview(at.value) : undefined,
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
