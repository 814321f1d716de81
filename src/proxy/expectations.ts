import type { Expectation, SourceSpan, StatusMatcher } from '../model/index.js';
import type { Operation, OperationResponse } from '../load/index.js';

/** Graph bodies are JSON; charset and OData parameters may follow. */
const JSON_MEDIA = '^application/json(;|$)';

/** Where findings about an operation point: its method key in the spec file. */
export function spanOf(operation: Operation): SourceSpan {
  return operation.span ?? { file: operation.file, line: 1, col: 1 };
}

const name = (operation: Operation): string => operation.operationId ?? `${operation.method} ${operation.path}`;

/**
 * What the specs ask of a request to `operation`: credentials, and a body that is JSON valid
 * for the operation when it takes one (a required body must be there: a create with no body is
 * a finding, and so is one without `templateId`, through the body's schema).
 */
export function requestExpectation(operation: Operation, bodySent: boolean): Expectation {
  const span = spanOf(operation);
  const expectation: Expectation = { headers: [{ name: 'authorization', present: true, span }], schemas: [], values: [] };
  const body = operation.requestBody;
  if (body === undefined || !(body.required || bodySent)) return expectation;
  expectation.headers.push({ name: 'content-type', pattern: JSON_MEDIA, span });
  if (body.schema !== undefined) expectation.schemas.push({ ref: body.schema, written: `the request body schema of ${name(operation)}`, pointer: '', span });
  return expectation;
}

/** `2XX` → `2xx`; `201` → 201; `default` and anything else → undefined. */
function matcherOf(status: string): StatusMatcher | undefined {
  if (/^[1-5]\d\d$/.test(status)) return Number(status);
  if (/^[1-5]XX$/i.test(status)) return `${status[0]}xx` as StatusMatcher;
  return undefined;
}

/**
 * The documented answer a status falls under: its own code, then its class, then `default` for
 * an error. An undocumented success (a create answering 200) is still held to the documented
 * success body, so one deviation does not hide another.
 */
export function documentedAnswer(operation: Operation, status: number): OperationResponse | undefined {
  const responses = operation.responses ?? [];
  const success = (r: OperationResponse): boolean => /^2(\d\d|XX)$/i.test(r.status);
  return (
    responses.find((r) => r.status === String(status)) ??
    responses.find((r) => r.status.toUpperCase() === `${Math.floor(status / 100)}XX`) ??
    (status >= 400 ? responses.find((r) => r.status === 'default') : undefined) ??
    (status >= 200 && status < 300 ? responses.find(success) : undefined)
  );
}

/**
 * What the specs ask of an answer: a documented status (a success code as documented; an error
 * status when `default` describes errors), and a body valid against that answer's schema (a
 * Graph error body for errors), or no body for an answer documented without content.
 */
export function responseExpectation(operation: Operation, status: number): Expectation {
  const span = spanOf(operation);
  const responses = operation.responses ?? [];
  const anyOf = responses.map((r) => matcherOf(r.status)).filter((m): m is StatusMatcher => m !== undefined);
  if (responses.some((r) => r.status === 'default')) anyOf.push('4xx', '5xx');
  const expectation: Expectation = { status: { anyOf, span }, headers: [], schemas: [], values: [] };
  const answer = documentedAnswer(operation, status);
  if (answer?.schema !== undefined) {
    expectation.headers.push({ name: 'content-type', pattern: JSON_MEDIA, span });
    expectation.schemas.push({ ref: answer.schema, written: `the ${answer.status} answer schema of ${name(operation)}`, pointer: '', span });
  } else if (answer !== undefined && status === 204) {
    expectation.emptyBody = { span };
  }
  return expectation;
}
