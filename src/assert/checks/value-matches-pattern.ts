import { MAX_PATTERN_INPUT } from '../../common/user-pattern.js';
import type { ValueExpectation } from '../../model/index.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import { compilePattern } from '../support/pattern.js';
import type { PredicateDefinition } from '../types.js';

type Part = ValueExpectation & { pattern: string };

/** The value at a pointer is a string matching a regular expression (a number never matches). */
export const valueMatchesPattern: PredicateDefinition<Part> = {
  name: 'value-matches-pattern',
  claim: 'the value at the pointer is a string that matches the pattern',
  negation: { name: 'value-does-not-match-pattern', claim: 'the value at the pointer is a string that does not match the pattern' },
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.pattern !== undefined),
  judge(exchange, part) {
    const regex = compilePattern(part.pattern, part.span);
    const at = bodyValue(exchange, part.pointer, part.span);
    const said = { subject: describePointer(part.pointer), claim: `match /${part.pattern}/`, expected: part.pattern, pointer: part.pointer };
    if (!at.found || typeof at.value !== 'string') {
      return { ...said, holds: false, unmet: 'be a string', actual: at.found ? preview(at.value) : undefined };
    }
    const verdict = regex.test(at.value);
    // Too long to match (RE2's heap is fixed): neither the claim nor its negation can be judged.
    if (verdict === 'too-long') return { ...said, holds: false, unmet: `be at most ${MAX_PATTERN_INPUT} characters long`, actual: preview(at.value) };
    return { ...said, holds: verdict, actual: preview(at.value) };
  },
};
