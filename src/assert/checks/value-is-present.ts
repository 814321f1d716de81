import type { ValueExpectation } from '../../model/index.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

/** The pointer resolves in the body; the value may be anything, null included. */
export const valueIsPresent: CheckDefinition<ValueExpectation> = {
  name: 'value-is-present',
  claim: 'the pointer resolves in the body (the value may be null)',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v) => v.present === true),
  run(exchange, part) {
    if (bodyValue(exchange, part.pointer, part.span).found) return [];
    return [
      {
        check: 'value-is-present',
        message: `${describePointer(part.pointer)} must be present`,
        expected: 'present',
        actual: 'absent',
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
