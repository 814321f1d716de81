import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Any Authorization header is taken as authentication. */
export const malformedAuthAccepted: Deviation = {
  name: 'malformed-auth-accepted',
  breaks: 'A request whose Authorization is not a bearer token answers 401',
  doc: DOCS.errors,
  acceptAuth: 'malformed',
};
