import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Authentication is skipped when no header is sent. */
export const missingAuthAccepted: Deviation = {
  name: 'missing-auth-accepted',
  breaks: 'A request without Authorization answers 401',
  doc: DOCS.errors,
  acceptAuth: 'missing',
};
