import type { Expectation, StatusMatcher } from '../../model/index.js';
import type { CheckDefinition } from '../types.js';

type StatusPart = NonNullable<Expectation['status']>;

/** An exact code, or a class such as `4xx` that holds for 400 to 499. */
function matches(status: number, matcher: StatusMatcher): boolean {
  return typeof matcher === 'number' ? status === matcher : Math.floor(status / 100) === Number(matcher[0]);
}

/** The response status is one the expectation allows: `201`, `"4xx"` or one of a list. */
export const statusIsExpected: CheckDefinition<StatusPart> = {
  name: 'status-is-expected',
  claim: 'the response status is the expected code, in the expected class, or one of the listed ones',
  needsJson: false,
  select: (expectation) => (expectation.status ? [expectation.status] : []),
  run(exchange, part) {
    const { status } = exchange.response;
    if (part.anyOf.some((matcher) => matches(status, matcher))) return [];
    const [only] = part.anyOf;
    const single = part.anyOf.length === 1 && only !== undefined;
    return [
      {
        check: 'status-is-expected',
        message: single ? `status must be ${only}` : `status must be one of ${part.anyOf.join(', ')}`,
        expected: single ? only : [...part.anyOf],
        actual: status,
        span: part.span,
      },
    ];
  },
};
