import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import type { PredicateDefinition } from '../types.js';

type Part = HeaderExpectation & { equals: string };

/**
 * A header has exactly the expected value. The name matches in any case; the value must match
 * byte for byte (`OData-Version: 4.0`), as header values are case-sensitive in general.
 */
export const headerEquals: PredicateDefinition<Part> = {
  name: 'header-equals',
  claim: 'the header is present with exactly the expected value',
  negation: { name: 'header-differs', claim: 'the header is present with a value other than the given one' },
  needsJson: false,
  select: (expectation) => expectation.headers.filter((h): h is Part => h.equals !== undefined),
  judge(exchange, part) {
    const value = headerValue(exchange.response.headers, part.name);
    const said = { subject: `${part.name} header`, claim: `equal ${JSON.stringify(part.equals)}`, expected: part.equals, actual: value };
    // actual undefined: the header is missing altogether.
    if (value === undefined) return { ...said, holds: false, unmet: 'be present' };
    return { ...said, holds: value === part.equals };
  },
};
