import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import type { CheckDefinition } from '../types.js';

/** A header the expectation forbids (`present: false`) is not in the response. */
export const headerIsAbsent: CheckDefinition<HeaderExpectation> = {
  name: 'header-is-absent',
  claim: 'the response does not carry the header',
  needsJson: false,
  select: (expectation) => expectation.headers.filter((h) => h.present === false),
  run(exchange, part) {
    const value = headerValue(exchange.response.headers, part.name);
    if (value === undefined) return [];
    return [
      {
        check: 'header-is-absent',
        message: `${part.name} header must be absent`,
        expected: 'absent',
        actual: value,
        span: part.span,
      },
    ];
  },
};
