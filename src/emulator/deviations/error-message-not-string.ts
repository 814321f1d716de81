import { DOCS, errorOf, onError } from './helpers.js';
import type { Deviation } from './types.js';

/** The OData v3 shape, `{"lang": …, "value": …}`, where v4 has a string. */
export const errorMessageNotString: Deviation = {
  name: 'error-message-not-string',
  breaks: 'error.message is a string',
  doc: DOCS.errors,
  reply: onError((r) => {
    const error = errorOf(r);
    return { ...r, json: { error: { ...error, message: { lang: 'en-US', value: error.message } } } };
  }),
};
