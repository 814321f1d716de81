import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Tokens are not validated, only parsed. */
export const invalidTokenAccepted: Deviation = {
  name: 'invalid-token-accepted',
  breaks: 'A request with a bearer token the service does not accept answers 401',
  doc: DOCS.errors,
  acceptAuth: 'invalid',
};
