import type { TemplateJson, ValueExpectation } from '../../model/index.js';
import { jsonMatches } from '../json/match.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer, shortJson } from '../support/describe.js';
import type { PredicateDefinition } from '../types.js';

type Part = ValueExpectation & { contains: TemplateJson };

/**
 * The value at a pointer is an array with an element matching a pattern (`contains`). Negated
 * (`excludes`), a finding points at the first element that matches.
 */
export const valueContains: PredicateDefinition<Part> = {
  name: 'value-contains',
  claim: 'the value at the pointer is an array with an element that matches the pattern',
  negation: { name: 'value-excludes', claim: 'the value at the pointer is an array with no element that matches the pattern' },
  needsJson: true,
  select: (expectation) => expectation.values.filter((v): v is Part => v.contains !== undefined),
  judge(exchange, part) {
    const at = bodyValue(exchange, part.pointer, part.span);
    const said = { subject: describePointer(part.pointer), claim: `contain an element matching ${shortJson(part.contains)}`, expected: { contains: preview(part.contains) } };
    if (!at.found || !Array.isArray(at.value)) {
      return { ...said, holds: false, unmet: 'be an array', actual: at.found ? preview(at.value) : undefined, pointer: part.pointer };
    }
    const index = at.value.findIndex((item) => jsonMatches(part.contains, item));
    if (index < 0) return { ...said, holds: false, actual: preview(at.value), pointer: part.pointer };
    return { ...said, holds: true, actual: preview(at.value[index]), pointer: `${part.pointer}/${index}` };
  },
};
