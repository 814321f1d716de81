import type { JsonType, ValueExpectation } from '../../model/index.js';
import { hasJsonType, jsonTypeOf } from '../json/type.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

type Part = ValueExpectation & { type: JsonType };

/**
 * The value at a pointer has a JSON type, named as JSON Schema names them: 3 and 3.0 are
 * integers, and integers are numbers too.
 */
export const valueHasType: CheckDefinition<Part> = {
  name: 'value-has-type',
  claim: 'the value at the pointer has the expected JSON type',
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.type !== undefined),
  run(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    if (at.found && hasJsonType(at.value, part.type)) return [];
    return [
      {
        check: 'value-has-type',
        message: `${describePointer(part.pointer)} must be ${part.type}`,
        expected: part.type,
        // The type found (undefined: nothing at the pointer).
        actual: at.found ? jsonTypeOf(at.value) : undefined,
        pointer: part.pointer,
        span: part.span,
      },
    ];
  },
};
