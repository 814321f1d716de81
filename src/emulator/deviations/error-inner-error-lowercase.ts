import { DOCS, errorOf, onError } from './helpers.js';
import type { Deviation } from './types.js';

/** The `innererror` spelling that broke SDKs (msgraph-sdk-dotnet#1916). */
export const errorInnerErrorLowercase: Deviation = {
  name: 'error-inner-error-lowercase',
  breaks: 'The inner error key is `innerError`',
  doc: DOCS.errors,
  reply: onError((r) => {
    const { innerError, ...error } = errorOf(r);
    return { ...r, json: { error: { ...error, innererror: innerError } } };
  }),
};
