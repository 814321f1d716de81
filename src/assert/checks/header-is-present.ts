import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import type { CheckDefinition } from '../types.js';

/** A header the expectation requires (`present: true`) is in the response, with any value. */
export const headerIsPresent: CheckDefinition<HeaderExpectation> = {
  name: 'header-is-present',
  claim: 'the response carries the header',
  needsJson: false,
  select: (expectation) => expectation.headers.filter((h) => h.present === true),
  run(exchange, part) {
    if (headerValue(exchange.response.headers, part.name) !== undefined) return [];
    return [
      {
        check: 'header-is-present',
        message: `${part.name} header must be present`,
        expected: 'present',
        actual: 'absent',
        span: part.span,
      },
    ];
  },
};
