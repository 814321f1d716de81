import type { JsonType, ValueExpectation } from '../../model/index.js';
import { hasJsonType, jsonTypeOf } from '../json/type.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { PredicateDefinition } from '../types.js';

type Part = ValueExpectation & { type: JsonType };

/**
 * The value at a pointer has a JSON type, named as JSON Schema names them: 3 and 3.0 are
 * integers, and integers are numbers too. The finding's actual is the type found.
 */
export const valueHasType: PredicateDefinition<Part> = {
  name: 'value-has-type',
  claim: 'the value at the pointer has the expected JSON type',
  negation: { name: 'value-has-other-type', claim: 'the value at the pointer is present and has another JSON type' },
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.type !== undefined),
  judge(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    const said = { subject: describePointer(part.pointer), claim: `be ${part.type}`, expected: part.type, pointer: part.pointer };
    if (!at.found) return { ...said, holds: false, unmet: 'be present', actual: undefined };
    return { ...said, holds: hasJsonType(at.value, part.type), actual: jsonTypeOf(at.value) };
  },
};
