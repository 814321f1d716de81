import { DOCS, errorOf, onError, without } from './helpers.js';
import type { Deviation } from './types.js';

/** Errors: the status and the OData error body of every refusal. */
export const ERRORS: readonly Deviation[] = [
  /** Errors are sent as their message in text/plain. */
  {
    name: 'errors-plain-text', breaks: 'Error answers carry a JSON OData error body', doc: DOCS.errors,
    reply: onError((r) => {
      const { json: _json, ...rest } = r;
      const text = String(errorOf(r).message ?? 'Error');
      return { ...rest, text, headers: { ...r.headers, 'content-type': 'text/plain; charset=utf-8' } };
    }),
    mustFail: { probes: ['errorBodyJson', 'errorContentTypeJson'], cases: ['get/unknown-job-answers-404'] },
  },
  /** Clients are told to branch on `code`; here there is none. */
  {
    name: 'error-without-code', breaks: 'Error bodies carry error.code', doc: DOCS.errors,
    reply: onError((r) => {
      const { code: _code, ...error } = errorOf(r);
      return { ...r, json: { error } };
    }),
    mustFail: { probes: ['errorHasCode'], cases: ['get/unknown-job-answers-404'] },
  },
  /** The OData v3 shape, `{"lang": …, "value": …}`, where v4 has a string. */
  {
    name: 'error-message-not-string', breaks: 'error.message is a string', doc: DOCS.errors,
    reply: onError((r) => {
      const error = errorOf(r);
      return { ...r, json: { error: { ...error, message: { lang: 'en-US', value: error.message } } } };
    }),
    mustFail: { probes: ['errorMessageString'], cases: ['get/unknown-job-answers-404'] },
  },
  /** The `innererror` spelling that broke SDKs (msgraph-sdk-dotnet#1916). */
  {
    name: 'error-inner-error-lowercase', breaks: 'The inner error key is `innerError`', doc: DOCS.errors,
    reply: onError((r) => {
      const { innerError, ...error } = errorOf(r);
      return { ...r, json: { error: { ...error, innererror: innerError } } };
    }),
    mustFail: { probes: ['errorInnerError'], cases: ['errors/inner-error-key-is-inner-error'] },
  },
  /** The JSON error body goes out with no Content-Type at all. */
  {
    name: 'error-content-type-missing', breaks: 'Error bodies are sent with a JSON Content-Type', doc: DOCS.errors,
    reply: onError((r) => ({ ...r, headers: without(r.headers, 'content-type') })),
    mustFail: { probes: ['errorContentTypeJson'], cases: ['get/unknown-job-answers-404'] },
  },
  /** An unsupported method answers 501 Not Implemented, as if the server were at fault. */
  {
    name: 'wrong-method-answers-501', breaks: 'A known path with a method it does not support answers 405 (Graph also answers 404 or 400), never a server error', doc: DOCS.errors,
    reply: (r) => (r.problem === 'method' ? { ...r, status: 501, headers: without(r.headers, 'allow') } : r),
    mustFail: { probes: ['method405'], cases: ['errors/unsupported-method-is-refused'] },
  },
];
