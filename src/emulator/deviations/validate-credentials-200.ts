import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** A 200 with no body where the docs say 204. */
export const validateCredentials200: Deviation = {
  name: 'validate-credentials-200',
  breaks: 'validateCredentials answers 204',
  doc: DOCS.validateCredentials,
  reply: onSuccess('validateCredentials', (r) => ({ ...r, status: 200 })),
};
