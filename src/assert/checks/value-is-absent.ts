import type { ValueExpectation } from '../../model/index.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

/** The pointer does not resolve: the property is missing, not merely null. */
export const valueIsAbsent: CheckDefinition<ValueExpectation> = {
  name: 'value-is-absent',
  claim: 'the pointer does not resolve in the body (a null value is present)',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v) => v.absent === true),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    if (!at.found) return [];
    return [
      {
        check: 'value-is-absent',
        message: `${describePointer(part.pointer)} must be absent`,
        expected: 'absent',
        actual: preview(at.value),
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
