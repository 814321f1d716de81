import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import type { PredicateDefinition } from '../types.js';

/**
 * The response carries the header (`present: true`), with any value. Negated
 * (`present: false`), it does not.
 */
export const headerIsPresent: PredicateDefinition<HeaderExpectation> = {
  name: 'header-is-present',
  claim: 'the response carries the header',
  negation: { name: 'header-is-absent', claim: 'the response does not carry the header' },
  needsJson: false,
  select: (expectation) => expectation.headers.filter((h) => h.present === true),
  judge(exchange, part) {
    const value = headerValue(exchange.response.headers, part.name);
    const said = { subject: `${part.name} header`, claim: 'be present', expected: 'present' };
    return value === undefined ? { ...said, holds: false, actual: 'absent' } : { ...said, holds: true, actual: value };
  },
};
