import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** JWTs are parsed but their signature and audience are not validated. */
export const invalidTokenAccepted: Deviation = {
  name: 'invalid-token-accepted',
  breaks: 'A request with a well-formed (JWT) bearer token the service does not accept answers 401',
  doc: DOCS.errors,
  acceptAuth: 'invalid',
};
