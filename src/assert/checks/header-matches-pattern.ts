import { MAX_PATTERN_INPUT } from '../../common/user-pattern.js';
import type { HeaderExpectation } from '../../model/index.js';
import { headerValue } from '../support/headers.js';
import { compilePattern } from '../support/pattern.js';
import type { PredicateDefinition } from '../types.js';

type Part = HeaderExpectation & { pattern: string };

/** A header is present and its value matches a regular expression (`^application/json`). */
export const headerMatchesPattern: PredicateDefinition<Part> = {
  name: 'header-matches-pattern',
  claim: 'the header is present and its value matches the pattern',
  negation: { name: 'header-does-not-match-pattern', claim: 'the header is present and its value does not match the pattern' },
  needsJson: false,
  select: (expectation) => expectation.headers.filter((h): h is Part => h.pattern !== undefined),
  judge(exchange, part) {
    const regex = compilePattern(part.pattern, part.span);
    const value = headerValue(exchange.response.headers, part.name);
    const said = { subject: `${part.name} header`, claim: `match /${part.pattern}/`, expected: part.pattern, actual: value };
    // actual undefined: the header is missing altogether.
    if (value === undefined) return { ...said, holds: false, unmet: 'be present' };
    const verdict = regex.test(value);
    // A header over the pattern input cap cannot be judged either way.
    if (verdict === 'too-long') return { ...said, holds: false, unmet: `be at most ${MAX_PATTERN_INPUT} characters long` };
    return { ...said, holds: verdict };
  },
};
