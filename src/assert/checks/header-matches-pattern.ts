import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import { compilePattern } from '../support/pattern.js';
import type { CheckDefinition } from '../types.js';

/** A header is present and its value matches a regular expression (`^application/json`). */
export const headerMatchesPattern: CheckDefinition<HeaderExpectation & { pattern: string }> = {
  name: 'header-matches-pattern',
  claim: 'the header is present and its value matches the pattern',
  needsJson: false,
  select: (expectation) =>
    expectation.headers.filter((h): h is HeaderExpectation & { pattern: string } => h.pattern !== undefined),
  run(exchange, part) {
    const regex = compilePattern(part.pattern, part.span);
    const value = headerValue(exchange.response.headers, part.name);
    if (value !== undefined && regex.test(value) === true) return [];
    return [
      {
        check: 'header-matches-pattern',
        message: `${part.name} header must match /${part.pattern}/`,
        expected: part.pattern,
        // undefined: the header is missing altogether.
        actual: value,
        span: part.span,
      },
    ];
  },
};
