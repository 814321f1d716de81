import type { Finding, SchemaExpectation } from '../../model/index.js';
import { joinPointer } from '../json/pointer.js';
import { preview } from '../json/preview.js';
import { bodyValue } from '../support/body.js';
import { describePointer } from '../support/describe.js';
import type { CheckDefinition } from '../types.js';

/**
 * The body (or the value at the expectation's pointer) satisfies a JSON Schema: one finding per
 * violation, pointing into the body, with the keyword's constraint as expected and the
 * offending value as actual.
 */
export const bodyMatchesSchema: CheckDefinition<SchemaExpectation> = {
  name: 'body-matches-schema',
  claim: 'the body, or the value at the pointer, satisfies the JSON Schema',
  needsJson: true,
  select: (expectation) => expectation.schemas,
  run(exchange, part, ctx) {
    const validate = ctx.schemas.validator(part.ref);
    const at = bodyValue(exchange, part.pointer, part.span);
    if (!at.found) {
      return [
        {
          check: 'body-matches-schema',
          message: `${describePointer(part.pointer)} must be present to match ${part.written}`,
          expected: 'present',
          actual: 'absent',
          pointer: part.pointer,
          span: part.span,
        },
      ];
    }
    return validate(at.value).map((violation): Finding => {
      const pointer = joinPointer(part.pointer, violation.pointer);
      return {
        check: 'body-matches-schema',
        message: `${describePointer(pointer)} ${violation.message}`,
        expected: { [violation.keyword]: preview(violation.constraint) },
        actual: preview(violation.value),
        pointer,
        span: part.span,
      };
    });
  },
};
