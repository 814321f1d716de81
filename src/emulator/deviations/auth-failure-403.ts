import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** 403 means authenticated but not allowed; a missing or bad token is 401 InvalidAuthenticationToken. */
export const authFailure403: Deviation = {
  name: 'auth-failure-403',
  breaks: 'Authentication failures answer 401, not 403',
  doc: DOCS.errors,
  reply: (r) => (r.problem === 'auth' ? { ...r, status: 403 } : r),
};
