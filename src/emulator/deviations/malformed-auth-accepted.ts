import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Whatever cannot be parsed as a token is let through, as if authentication were optional. */
export const malformedAuthAccepted: Deviation = {
  name: 'malformed-auth-accepted',
  breaks: 'A request whose Authorization is not a token at all (another scheme, or Bearer garbage) answers 401',
  doc: DOCS.errors,
  acceptAuth: 'malformed',
};
