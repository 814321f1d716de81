import type { Expectation, SourceSpan } from '../../model/index.js';
import { preview } from '../json/preview.js';
import type { CheckDefinition } from '../types.js';

function before(a: SourceSpan, b: SourceSpan): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

/**
 * The body parses as JSON. Never written in a suite: any schema or value expectation implies
 * it, and it speaks once (at the first such expectation) so the dependent checks can stay quiet.
 */
export const bodyIsJson: CheckDefinition<{ span: SourceSpan }> = {
  name: 'body-is-json',
  claim: 'the response body is a JSON document, as schema and value expectations need',
  needsJson: false,
  select(expectation: Expectation) {
    const spans = [...expectation.schemas, ...expectation.values].map((e) => e.span);
    const first = spans.reduce<SourceSpan | undefined>((a, b) => (a === undefined || before(b, a) ? b : a), undefined);
    return first ? [{ span: first }] : [];
  },
  run(exchange, part) {
    const { json, jsonError, body } = exchange.response;
    if (json !== undefined) return [];
    return [
      {
        check: 'body-is-json',
        message: body === '' ? 'body must be JSON, not empty' : `body must be JSON (${jsonError ?? 'it does not parse'})`,
        expected: 'a JSON document',
        actual: preview(body),
        span: part.span,
      },
    ];
  },
};
