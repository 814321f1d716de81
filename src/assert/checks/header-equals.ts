import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import type { CheckDefinition } from '../types.js';

/**
 * A header has exactly the expected value. The name matches in any case; the value must match
 * byte for byte (`OData-Version: 4.0`), as header values are case-sensitive in general.
 */
export const headerEquals: CheckDefinition<HeaderExpectation & { equals: string }> = {
  name: 'header-equals',
  claim: 'the header is present with exactly the expected value',
  needsJson: false,
  select: (expectation) =>
    expectation.headers.filter((h): h is HeaderExpectation & { equals: string } => h.equals !== undefined),
  run(exchange, part) {
    const value = headerValue(exchange.response.headers, part.name);
    if (value === part.equals) return [];
    return [
      {
        check: 'header-equals',
        message: `${part.name} header must equal ${JSON.stringify(part.equals)}`,
        expected: part.equals,
        // undefined: the header is missing altogether.
        actual: value,
        span: part.span,
      },
    ];
  },
};
