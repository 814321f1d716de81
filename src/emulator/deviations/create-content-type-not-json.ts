import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** A gateway or framework default that labels the JSON body as text. */
export const createContentTypeNotJson: Deviation = {
  name: 'create-content-type-not-json',
  breaks: 'Create answers with a JSON Content-Type',
  doc: DOCS.createJob,
  reply: onSuccess('createJob', (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain; charset=utf-8' } })),
};
