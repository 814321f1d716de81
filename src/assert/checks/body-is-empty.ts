import type { SourceSpan } from '../../model/index.js';
import { preview } from '../json/preview.js';
import type { CheckDefinition } from '../types.js';

/** The body is empty, not even whitespace: what a 204 No Content must send. */
export const bodyIsEmpty: CheckDefinition<{ span: SourceSpan }> = {
  name: 'body-is-empty',
  claim: 'the response has no body',
  needsJson: false,
  select: (expectation) => (expectation.emptyBody ? [expectation.emptyBody] : []),
  run(exchange, part) {
    const { body } = exchange.response;
    if (body === '') return [];
    return [{ check: 'body-is-empty', message: 'body must be empty', expected: '', actual: preview(body), span: part.span }];
  },
};
