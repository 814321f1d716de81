import type { ValueExpectation } from '../../model/index.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { PredicateDefinition } from '../types.js';

/**
 * The pointer resolves in the body; the value may be anything, null included. Negated
 * (`absent: true`), the property is missing, not merely null.
 */
export const valueIsPresent: PredicateDefinition<ValueExpectation> = {
  name: 'value-is-present',
  claim: 'the pointer resolves in the body (the value may be null)',
  negation: { name: 'value-is-absent', claim: 'the pointer does not resolve in the body (a null value is present)' },
  needsJson: true,
  select: (expectation) => expectation.values.filter((v) => v.present === true),
  judge(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    const said = { subject: describePointer(part.pointer), claim: 'be present', expected: 'present', pointer: part.pointer };
    return at.found ? { ...said, holds: true, actual: preview(at.value) } : { ...said, holds: false, actual: 'absent' };
  },
};
