import { DOCS, errorOf, onError } from './helpers.js';
import type { Deviation } from './types.js';

/** Errors are sent as their message in text/plain. */
export const errorsPlainText: Deviation = {
  name: 'errors-plain-text',
  breaks: 'Error answers carry a JSON OData error body',
  doc: DOCS.errors,
  reply: onError((r) => {
    const { json: _json, ...rest } = r;
    const text = String(errorOf(r).message ?? 'Error');
    return { ...rest, text, headers: { ...r.headers, 'content-type': 'text/plain; charset=utf-8' } };
  }),
};
