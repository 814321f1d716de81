import { DOCS, onError, without } from './helpers.js';
import type { Deviation } from './types.js';

/** The JSON error body goes out with no Content-Type at all. */
export const errorContentTypeMissing: Deviation = {
  name: 'error-content-type-missing',
  breaks: 'Error bodies are sent with a JSON Content-Type',
  doc: DOCS.errors,
  reply: onError((r) => ({ ...r, headers: without(r.headers, 'content-type') })),
};
